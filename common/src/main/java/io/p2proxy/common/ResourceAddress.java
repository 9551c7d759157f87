package io.p2proxy.common;

import java.util.Objects;

/** {@code PEER/RESOURCE}, e.g. {@code garage/camera} (SPEC.md, "Names"). */
public record ResourceAddress(String peer, String resource) {

    public static final String EXPECTED = "PEER/RESOURCE, e.g. garage/camera";

    public ResourceAddress {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(resource, "resource");
        if (!PeerName.isValid(peer) || !PeerName.isValid(resource)) {
            throw new IllegalArgumentException("bad resource address: '" + peer + "/" + resource
                    + "' (expected: " + EXPECTED + "; names: " + PeerName.EXPECTED + ")");
        }
    }

    /** @throws IllegalArgumentException naming what was expected */
    public static ResourceAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        if (slash < 0 || slash != text.lastIndexOf('/')) {
            throw new IllegalArgumentException("bad resource address: '" + text + "' (expected: " + EXPECTED + ")");
        }
        return new ResourceAddress(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return peer + "/" + resource;
    }
}
