package io.p2proxy.rtsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw RTSP client for status checks: one request, the response's head and body as text. */
final class RtspClients {

    private RtspClients() {
    }

    static Socket connect(InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.connect(to, 5000);
        s.setSoTimeout(15_000);
        return s;
    }

    static void send(Socket s, String method, String uri, int cseq, String... headers) throws IOException {
        StringBuilder b = new StringBuilder(method + " " + uri + " RTSP/1.0\r\nCSeq: " + cseq + "\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        s.getOutputStream().write(b.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads one response (head up to the empty line, then Content-Length bytes of body). */
    static String response(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            String h = head.toString(StandardCharsets.ISO_8859_1);
            if (h.endsWith("\r\n\r\n")) {
                int length = 0;
                for (String line : h.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                return h + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends one request on a new connection and returns the response. */
    static String ask(InetSocketAddress to, String method, String uri) throws IOException {
        try (Socket s = connect(to)) {
            send(s, method, uri, 1);
            return response(s);
        }
    }
}
