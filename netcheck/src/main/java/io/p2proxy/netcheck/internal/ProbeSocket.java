package io.p2proxy.netcheck.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import io.p2proxy.common.Transports;
import io.p2proxy.stun.NatBehaviorAttribute;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunBindingHandler;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunClient;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunRetransmission;
import io.p2proxy.stun.StunTimeoutException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One local UDP socket of a check: a STUN client for our Bindings, and a Binding responder behind
 * it so that a hairpinned request from our other socket gets an answer (RFC 5780 §4.5). Every
 * result completes normally, as an {@link Answer}; a failure is an answer with an error.
 */
public final class ProbeSocket implements AutoCloseable {

    private static final long CLOSE_SECONDS = 5;

    private final Channel channel;
    private final StunClient client;
    private final ChangedSourceCatcher catcher = new ChangedSourceCatcher();

    private ProbeSocket(Channel channel, StunClient client) {
        this.channel = channel;
        this.client = client;
        channel.pipeline().addFirst(catcher);
    }

    /** Binds {@code local} (port 0: any free port); blocks, so never call it on an event loop. */
    public static ProbeSocket open(EventLoopGroup group, InetSocketAddress local, StunRetransmission retransmission)
            throws IOException {
        ChannelFuture bound = new Bootstrap().group(group).channel(Transports.datagram())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new StunBindingHandler(), Release.INSTANCE);
                    }
                })
                .bind(local);
        if (!bound.awaitUninterruptibly(CLOSE_SECONDS, TimeUnit.SECONDS) || !bound.isSuccess()) {
            bound.channel().close();
            Throwable cause = bound.cause();
            throw new IOException("cannot bind UDP " + io.p2proxy.common.HostPort.of(local) + (cause == null ? ": timed out" : ": " + cause.getMessage()),
                    cause);
        }
        return new ProbeSocket(bound.channel(), StunClient.attach(bound.channel(), retransmission));
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** A Binding request; the answer carries the mapped address and the server's OTHER-ADDRESS, if any. */
    public CompletableFuture<Answer> binding(InetSocketAddress server) {
        return exchange(server, StunMessage.request(StunMethod.BINDING));
    }

    /**
     * A Binding request with CHANGE-REQUEST (RFC 5780 §7.2). The answer may come from another
     * address of the server: then {@link Answer#source()} names it.
     */
    public CompletableFuture<Answer> changeRequest(InetSocketAddress server, boolean changeIp, boolean changePort) {
        StunMessage request = StunMessage.request(StunMethod.BINDING,
                new NatBehaviorAttribute.ChangeRequest(changeIp, changePort));
        CompletableFuture<ChangedSourceCatcher.Caught> caught = new CompletableFuture<>();
        long start = System.nanoTime();
        CompletableFuture<Answer> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            catcher.expect(request.transactionId(), server, caught);
            CompletableFuture<Answer> direct = exchange(server, request);
            caught.thenAccept(c -> {
                result.complete(Answer.of(server, c.source(), c.response(), Duration.ofNanos(System.nanoTime() - start)));
                direct.cancel(false); // ends the client's transaction (and its resends) on the loop
            });
            direct.thenAccept(answer -> {
                catcher.forget(request.transactionId());
                result.complete(answer);
            });
        });
        return result;
    }

    private CompletableFuture<Answer> exchange(InetSocketAddress server, StunMessage request) {
        long start = System.nanoTime();
        CompletableFuture<StunMessage> sent = client.send(server, request);
        CompletableFuture<Answer> answer = sent.handle((response, error) -> {
            Duration rtt = Duration.ofNanos(System.nanoTime() - start);
            return response != null ? Answer.of(server, server, response, rtt) : Answer.failed(server, error, rtt);
        });
        answer.whenComplete((a, e) -> {
            if (answer.isCancelled()) {
                sent.cancel(false);
            }
        });
        return answer;
    }

    @Override
    public void close() {
        client.close();
        channel.close().awaitUninterruptibly(CLOSE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The outcome of one transaction: a response (success or error class) or why there was none.
     *
     * @param source where the response came from (null when none came)
     * @param mapped null unless a success response named one
     * @param other  the server's OTHER-ADDRESS (RFC 5780 §7.4), or null
     * @param errorCode the ERROR-CODE of an error response, or 0
     * @param error  null when a success response with a mapped address came back
     */
    public record Answer(InetSocketAddress server, InetSocketAddress source, InetSocketAddress mapped, InetSocketAddress other, int errorCode,
            String error, boolean timedOut, Duration rtt) {

        static Answer of(InetSocketAddress server, InetSocketAddress source, StunMessage response, Duration rtt) {
            InetSocketAddress other = response.attribute(NatBehaviorAttribute.OtherAddress.class)
                    .map(NatBehaviorAttribute.OtherAddress::address).orElse(null);
            if (response.messageClass() == StunClass.SUCCESS_RESPONSE) {
                InetSocketAddress mapped = StunMessages.mappedAddress(response).orElse(null);
                return new Answer(server, source, mapped, other, 0, mapped == null ? "response without a mapped address" : null,
                        false, rtt);
            }
            var code = response.attribute(StunAttribute.ErrorCode.class);
            return new Answer(server, source, null, other, code.map(StunAttribute.ErrorCode::code).orElse(0),
                    "error response " + code.map(c -> c.code() + " " + c.reason()).orElse("without ERROR-CODE"),
                    false, rtt);
        }

        static Answer failed(InetSocketAddress server, Throwable error, Duration rtt) {
            Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause instanceof StunTimeoutException timeout) {
                return new Answer(server, null, null, null, 0, "timeout: no answer to " + timeout.attempts() + " sends in "
                        + timeout.elapsed().toMillis() + " ms", true, rtt);
            }
            String why = cause instanceof StunException ? cause.getMessage() : cause.toString();
            return new Answer(server, null, null, null, 0, why, false, rtt);
        }

        public boolean answered() {
            return mapped != null;
        }
    }

    /** The pipeline's tail: releases whatever nobody took (non-STUN datagrams, stray responses). */
    @Sharable
    private static final class Release extends ChannelInboundHandlerAdapter {
        static final Release INSTANCE = new Release();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }
}
