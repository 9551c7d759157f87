package io.p2proxy.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Untrusted session signals (verified sender, untrusted content): only IllegalArgumentException may come out. */
class SessionSignalFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "2m")
    void parserFailsOnlyWithIllegalArgument(byte[] input) {
        JsonNode tree;
        try {
            tree = JSON.readTree(input);
        } catch (java.io.IOException e) {
            return; // not JSON: the signaling codec refuses it before us
        }
        if (tree == null) {
            return;
        }
        try {
            SessionSignal s = SessionSignal.fromJson(tree);
            SessionSignal.fromJson(s.toJson()); // whatever parses must re-encode and parse again
        } catch (IllegalArgumentException expected) {
            // a clear refusal
        }
    }
}
