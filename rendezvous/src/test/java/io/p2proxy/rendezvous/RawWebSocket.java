package io.p2proxy.rendezvous;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.common.Identity;
import io.p2proxy.signal.LoginProof;
import io.p2proxy.signal.SignalCodec;
import io.p2proxy.signal.SignalMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's own WebSocket client (code nobody here wrote), for sending what our client never would. */
final class RawWebSocket implements AutoCloseable {

    record Closed(int status, String reason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket ws;
    private volatile boolean stalled;

    RawWebSocket(RendezvousServer server) {
        URI uri = URI.create("ws://127.0.0.1:" + server.signalAddress().getPort() + "/v1/signal");
        ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        received.add(JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        received.add(JSON.getNodeFactory().textNode("unreadable: " + text));
                    }
                    text.setLength(0);
                }
                next(w);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                next(w);
                return null;
            }

            private void next(WebSocket w) {
                if (!stalled) {
                    w.request(1);
                }
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                closed.complete(new Closed(status, reason));
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                closed.complete(new Closed(-1, String.valueOf(error)));
            }
        }).join();
    }

    void send(String text) {
        ws.sendText(text, true).join();
    }

    /** Stops reading after the next message: the server's writes to us back up, as to a hung peer. */
    void stopReading() {
        stalled = true;
    }

    /** One binary message; with {@code last} false the next call sends its continuation. */
    void sendBinary(byte[] data, boolean last) {
        ws.sendBinary(ByteBuffer.wrap(data), last).join();
    }

    /** Logs in as our client would (hello, challenge, prove); returns the welcome. */
    JsonNode login(String name, Identity identity) throws InterruptedException {
        send(SignalCodec.encode(new SignalMessage.Hello(name, identity.publicKeyBase64(), TestServers.TOKEN,
                SignalMessage.VERSION)));
        String nonce = next().get("nonce").asText();
        byte[] proof = identity.sign(LoginProof.bytes(nonce, name, identity.publicKeyBase64()));
        send(SignalCodec.encode(new SignalMessage.Prove(Base64.getEncoder().encodeToString(proof))));
        JsonNode welcome = next();
        if (!"welcome".equals(welcome.path("type").asText())) {
            throw new AssertionError("login of " + name + " failed: " + welcome);
        }
        return welcome;
    }

    JsonNode next() throws InterruptedException {
        JsonNode n = received.poll(5, TimeUnit.SECONDS);
        if (n == null) {
            throw new AssertionError("no message within 5 s");
        }
        return n;
    }

    Closed awaitClosed() throws Exception {
        return closed.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ws.abort();

    }
}
