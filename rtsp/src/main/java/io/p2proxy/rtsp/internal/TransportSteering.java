package io.p2proxy.rtsp.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps media on the RTSP connection (RTP/AVP/TCP, interleaved, RFC 2326 sections 10.12 and 12.39):
 * the tunnel carries one TCP connection, and UDP ports the client offers are on its own machine, out
 * of the server's reach. A SETUP's Transport header lists what the client accepts, in order of
 * preference; the TCP entries are kept, the others dropped. When none is left the listener answers
 * 461 Unsupported Transport itself, which is how ffmpeg, GStreamer's rtspsrc and VLC learn to retry
 * over TCP. Rewriting a UDP request into a TCP one instead would give the client an answer for a
 * transport it did not ask for; ffmpeg refuses that ("Nonmatching transport in server reply").
 */
public final class TransportSteering {

    private TransportSteering() {
    }

    /** The TCP-only form of a Transport header value, or null when it offers no TCP transport. */
    public static String interleavedOnly(String transport) {
        List<String> kept = new ArrayList<>();
        for (String spec : transport.split(",")) {
            String protocol = spec.strip().split(";", 2)[0].strip().toUpperCase(Locale.ROOT);
            if (protocol.endsWith("/TCP")) {
                kept.add(spec.strip());
            }
        }
        if (kept.isEmpty()) {
            return null;
        }
        return String.join(",", kept);
    }
}
