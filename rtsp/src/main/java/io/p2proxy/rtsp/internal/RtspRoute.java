package io.p2proxy.rtsp.internal;

import io.p2proxy.common.PeerName;
import io.p2proxy.common.ResourceAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * The URI mapping of one client connection: {@code rtsp://LISTEN/PEER/RESOURCE/path} on the client's
 * side is {@code rtsp://127.0.0.1:554/path} on the server's (SPEC.md, [rtsp]).
 *
 * <p>Why a fixed origin towards the server: the asking peer never learns the publisher's target (the
 * wire names resources, never hosts), and the publishing peer passes bytes without looking. RTSP
 * servers route by path and ignore the host of the request URI (GStreamer's mount points, live555,
 * most cameras); a loopback literal is always valid and tells the server nothing about the client.
 * The way back does not depend on it: any absolute {@code rtsp://} URI from the server, whatever its
 * host (its own LAN address, our placeholder), becomes the client's origin plus {@code /PEER/RESOURCE}.
 *
 * @param clientOrigin {@code rtsp://HOST:PORT} as the client wrote it in its first request
 */
public record RtspRoute(String clientOrigin, ResourceAddress address) {

    public static final String SERVER_ORIGIN = "rtsp://127.0.0.1:554";

    public RtspRoute {
        Objects.requireNonNull(clientOrigin, "clientOrigin");
        Objects.requireNonNull(address, "address");
    }

    /** Reads the route from a client's request URI; the message says what was expected (for a 400). */
    public static RtspRoute parse(String uri) throws RouteException {
        Parts p = Parts.of(uri);
        if (p == null) {
            throw new RouteException("'" + RtspHeadParser.printable(uri) + "' is not an rtsp:// URI "
                    + "(expected: rtsp://HOST:PORT/PEER/RESOURCE/path)");
        }
        String[] segments = p.path().split("[/?;]", 4);
        if (segments.length < 3 || !PeerName.isValid(segments[1]) || !PeerName.isValid(segments[2])) {
            throw new RouteException("'" + RtspHeadParser.printable(uri) + "' does not name PEER/RESOURCE "
                    + "(expected: rtsp://HOST:PORT/PEER/RESOURCE/path)");
        }
        return new RtspRoute("rtsp://" + p.authority(), new ResourceAddress(segments[1], segments[2]));
    }

    /** The server's form of a client URI, or null when it is not under this route. */
    public String toServer(String uri) {
        Parts p = Parts.of(uri);
        String prefix = "/" + address.peer() + "/" + address.resource();
        if (p == null || !p.path().startsWith(prefix)) {
            return null;
        }
        String rest = p.path().substring(prefix.length());
        if (rest.isEmpty() || rest.charAt(0) == '/') {
            return SERVER_ORIGIN + (rest.isEmpty() ? "/" : rest);
        }
        if (rest.charAt(0) == '?' || rest.charAt(0) == ';') {
            return SERVER_ORIGIN + "/" + rest;
        }
        return null; // "/garage/cameras": another resource that shares a prefix
    }

    /** The client's form of a server URI; anything but an absolute rtsp:// URI is left as it is. */
    public String toClient(String uri) {
        Parts p = Parts.of(uri);
        if (p == null) {
            return uri;
        }
        String rest = p.path().isEmpty() || p.path().charAt(0) != '/' ? "/" + p.path() : p.path();
        return clientOrigin + "/" + address.peer() + "/" + address.resource() + rest;
    }

    /** An absolute rtsp:// URI split after its authority (user info dropped); path holds everything after it. */
    private record Parts(String authority, String path) {
        static Parts of(String uri) {
            if (uri == null || uri.length() < 8 || !uri.substring(0, 7).toLowerCase(Locale.ROOT).equals("rtsp://")) {
                return null;
            }
            int end = 7;
            while (end < uri.length() && "/?;#".indexOf(uri.charAt(end)) < 0) {
                end++;
            }
            String authority = uri.substring(uri.lastIndexOf('@', end - 1) + 1 > 7 ? uri.lastIndexOf('@', end - 1) + 1 : 7, end);
            if (authority.isEmpty() || authority.chars().anyMatch(c -> c <= 0x20)) {
                return null;
            }
            return new Parts(authority, uri.substring(end));
        }
    }

    /** A client URI that names no resource: SPEC.md's "not *.p2p or raw IP" row, RTSP 400. */
    public static final class RouteException extends Exception {
        private static final long serialVersionUID = 1L;

        public RouteException(String message) {
            super(message, null, false, false);
        }
    }
}
