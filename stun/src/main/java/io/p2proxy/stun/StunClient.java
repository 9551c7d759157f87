package io.p2proxy.stun;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.stun.internal.StunClientHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * STUN client transactions over a datagram channel you own (RFC 8489 §6.2.1): requests are resent
 * per a {@link StunRetransmission} and matched by transaction id and source address. Attaching
 * adds a handler at the front of the pipeline; it takes only the responses to our transactions and
 * passes everything else on. Futures complete on the channel's event loop, with the response
 * (success or error class alike), or fail with {@link StunTimeoutException} or another
 * {@link StunException}. Methods may be called from any thread. A channel may hold several clients
 * (each TURN client has its own), but a client swallows every STUN response that is not one of its
 * transactions: the handlers ahead of it decide which responses reach it.
 */
public final class StunClient implements AutoCloseable {

    private static final String NAME = "stun-client";

    private final Channel channel;
    private final StunClientHandler handler;

    private StunClient(Channel channel, StunClientHandler handler) {
        this.channel = channel;
        this.handler = handler;
    }

    public static StunClient attach(Channel channel) {
        return attach(channel, StunRetransmission.RFC_8489);
    }

    public static StunClient attach(Channel channel, StunRetransmission retransmission) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(retransmission, "retransmission");
        StunClientHandler handler = new StunClientHandler(retransmission);
        // The first client is "stun-client"; any further one gets a name Netty generates.
        channel.pipeline().addFirst(channel.pipeline().get(NAME) == null ? NAME : null, handler);
        return new StunClient(channel, handler);
    }

    /** A Binding request with FINGERPRINT; completes with the reflexive (mapped) address. */
    public CompletableFuture<InetSocketAddress> binding(InetSocketAddress server) {
        return send(server, StunMessage.request(StunMethod.BINDING), StunProtection.FINGERPRINT)
                .thenCompose(response -> {
                    if (response.messageClass() != StunClass.SUCCESS_RESPONSE) {
                        String error = response.attribute(StunAttribute.ErrorCode.class).map(Object::toString)
                                .orElse("no ERROR-CODE");
                        return CompletableFuture.failedFuture(new StunException(StunException.Reason.ERROR_RESPONSE,
                                "Binding error response from " + server + ": " + error));
                    }
                    return StunMessages.mappedAddress(response).map(CompletableFuture::completedFuture)
                            .orElseGet(() -> CompletableFuture.failedFuture(new StunException(
                                    StunException.Reason.MALFORMED, "Binding response from " + server
                                            + " without a mapped address")));
                });
    }

    /** Sends {@code request} with FINGERPRINT. */
    public CompletableFuture<StunMessage> send(InetSocketAddress server, StunMessage request) {
        return send(server, request, StunProtection.FINGERPRINT);
    }

    /**
     * Sends a request and resends it until a response arrives or the schedule runs out. With a
     * key in {@code protection}, a success response must carry matching integrity (one that
     * does not is dropped as forged); error responses without integrity are accepted (§9.2.5).
     */
    public CompletableFuture<StunMessage> send(InetSocketAddress server, StunMessage request,
            StunProtection protection) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(protection, "protection");
        if (request.messageClass() != StunClass.REQUEST) {
            throw new IllegalArgumentException("request: " + request.messageClass() + " (expected: REQUEST)");
        }
        if (server.isUnresolved()) {
            throw new IllegalArgumentException("server: " + server + " (expected: a resolved address)");
        }
        CompletableFuture<StunMessage> future = new CompletableFuture<>();
        ByteBuf encoded = StunCodec.encode(channel.alloc(), request, protection);
        onLoop(() -> handler.start(request.transactionId(), server, encoded, protection.key(), future), () -> {
            encoded.release();
            future.completeExceptionally(new StunException(StunException.Reason.CLOSED, "event loop shut down"));
        });
        return future;
    }

    /** Sends an indication once (§6.1: indications are never retransmitted). */
    public void indicate(InetSocketAddress server, StunMessage indication, StunProtection protection) {
        if (indication.messageClass() != StunClass.INDICATION) {
            throw new IllegalArgumentException("indication: " + indication.messageClass() + " (expected: INDICATION)");
        }
        ByteBuf encoded = StunCodec.encode(channel.alloc(), indication, protection);
        channel.writeAndFlush(new DatagramPacket(encoded, server), channel.voidPromise());
    }

    /** Detaches from the channel; pending transactions fail with {@link StunException.Reason#CLOSED}. */
    @Override
    public void close() {
        onLoop(() -> {
            if (channel.pipeline().context(handler) != null) {
                channel.pipeline().remove(handler);
            }
        }, () -> { });
    }

    private void onLoop(Runnable task, Runnable rejected) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }
}
