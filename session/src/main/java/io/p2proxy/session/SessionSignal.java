package io.p2proxy.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What two peers tell each other through the rendezvous server to set up a session: the payload
 * of a signaling {@code signal} message. The server verifies who sent it; its content is
 * untrusted input all the same and is parsed strictly.
 *
 * <pre>
 * {"kind":"offer",  "session":"9f..", "ufrag":"..", "pwd":"..", "candidates":["candidate:.."], "done":false}
 * {"kind":"answer", "session":"9f..", "ufrag":"..", "pwd":"..", "candidates":[..], "done":false}
 * {"kind":"candidates", "session":"9f..", "candidates":[..], "done":true}   (trickle, RFC 8838)
 * {"kind":"bye",    "session":"9f..", "reason":".."}
 * {"kind":"hello",  "session":"9f..", "reply":false}
 * </pre>
 * The dialer picks the session id; every later message of that session carries it.
 */
public sealed interface SessionSignal {

    int MAX_CANDIDATES = 64;
    int MAX_TEXT = 256;

    String session();

    /** The dialer's ICE credentials and first candidates; the dialer will be the QUIC client. */
    record Offer(String session, String ufrag, String pwd, List<String> candidates, boolean done) implements SessionSignal {
        public Offer {
            candidates = List.copyOf(candidates);
        }
    }

    /** The acceptor's ICE credentials and first candidates. */
    record Answer(String session, String ufrag, String pwd, List<String> candidates, boolean done) implements SessionSignal {
        public Answer {
            candidates = List.copyOf(candidates);
        }
    }

    /** Trickled candidates; {@code done} is end-of-candidates. */
    record Candidates(String session, List<String> candidates, boolean done) implements SessionSignal {
        public Candidates {
            candidates = List.copyOf(candidates);
        }
    }

    /** The sender dropped the session (or refuses it). */
    record Bye(String session, String reason) implements SessionSignal {
    }

    /**
     * After a new login: "this session lives on". A signal each way is what makes the server
     * introduce the pair again (and relay for it); a hello that is not a reply is answered once.
     */
    record Hello(String session, boolean reply) implements SessionSignal {
    }

    default JsonNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("session", session());
        if (this instanceof Offer m) {
            credentials(o.put("kind", "offer"), m.ufrag(), m.pwd(), m.candidates(), m.done());
        } else if (this instanceof Answer m) {
            credentials(o.put("kind", "answer"), m.ufrag(), m.pwd(), m.candidates(), m.done());
        } else if (this instanceof Candidates m) {
            o.put("kind", "candidates");
            o.set("candidates", array(m.candidates()));
            o.put("done", m.done());
        } else if (this instanceof Bye m) {
            o.put("kind", "bye").put("reason", m.reason());
        } else if (this instanceof Hello m) {
            o.put("kind", "hello").put("reply", m.reply());
        }
        return o;
    }

    private static void credentials(ObjectNode o, String ufrag, String pwd, List<String> candidates, boolean done) {
        o.put("ufrag", ufrag).put("pwd", pwd);
        o.set("candidates", array(candidates));
        o.put("done", done);
    }

    private static ArrayNode array(List<String> items) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        items.forEach(a::add);
        return a;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong, for anything but a well-formed message
     */
    static SessionSignal fromJson(JsonNode o) {
        Objects.requireNonNull(o, "o");
        if (!o.isObject()) {
            throw new IllegalArgumentException("session signal: " + o.getNodeType() + " (expected: a JSON object with session and kind)");
        }
        String session = text(o, "session");
        if (!session.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("session: '" + session + "' (expected: 16 hex digits)");
        }
        String kind = text(o, "kind");
        return switch (kind) {
            case "offer" -> new Offer(session, text(o, "ufrag"), text(o, "pwd"), candidates(o), bool(o, "done"));
            case "answer" -> new Answer(session, text(o, "ufrag"), text(o, "pwd"), candidates(o), bool(o, "done"));
            case "candidates" -> new Candidates(session, candidates(o), bool(o, "done"));
            case "bye" -> new Bye(session, text(o, "reason"));
            case "hello" -> new Hello(session, bool(o, "reply"));
            default -> throw new IllegalArgumentException("kind: '" + kind
                    + "' (expected: offer, answer, candidates, bye or hello)");
        };
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isTextual() || n.textValue().length() > MAX_TEXT) {
            throw new IllegalArgumentException(field + ": " + describe(n) + " (expected: a string of up to " + MAX_TEXT + " characters)");
        }
        return n.textValue();
    }

    /** What was there, without echoing untrusted text into logs. */
    private static String describe(JsonNode n) {
        if (n == null) {
            return "missing";
        }
        return n.isTextual() ? "a string of " + n.textValue().length() + " characters" : n.getNodeType().toString();
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) {
            throw new IllegalArgumentException(field + ": " + describe(n) + " (expected: true or false)");
        }
        return n.booleanValue();
    }

    private static List<String> candidates(JsonNode o) {
        JsonNode n = o.get("candidates");
        if (n == null || !n.isArray() || n.size() > MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidates: " + (n == null ? "missing" : n.getNodeType())
                    + " (expected: an array of up to " + MAX_CANDIDATES + " strings)");
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode c : n) {
            if (!c.isTextual() || c.textValue().length() > MAX_TEXT) {
                throw new IllegalArgumentException("candidates: an element is " + c.getNodeType()
                        + " (expected: strings of up to " + MAX_TEXT + " characters)");
            }
            out.add(c.textValue());
        }
        return out;
    }
}
