package io.p2proxy.turn;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.TurnAttribute;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A TURN client on an {@link EmbeddedChannel}, with the test playing the server: it reads each
 * request the client writes and answers success. Requests without credentials are answered
 * directly (no 401), which StunClient accepts since it sent no key; enough to reach the
 * allocated, channel-bound state deterministically.
 */
final class EmbeddedTurn implements AutoCloseable {

    static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 3478);
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 40000);
    static final InetSocketAddress RELAYED = new InetSocketAddress("127.0.0.1", 50000);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 60000);

    final EmbeddedChannel channel = new EmbeddedChannel();
    final List<TurnEvent> events = new ArrayList<>();
    final TurnClient turn = TurnClient.attach(channel, TurnConfig.of(SERVER, "u", "p"), events::add);

    /** Allocated, and channel 0x4000 bound to {@link #PEER} when {@code bind}. */
    static EmbeddedTurn allocated(boolean bind) throws Exception {
        EmbeddedTurn t = new EmbeddedTurn();
        CompletableFuture<TurnAllocation> allocation = t.turn.allocate();
        t.answer(List.of(new TurnAttribute.XorRelayedAddress(RELAYED), new StunAttribute.XorMappedAddress(LOCAL),
                new TurnAttribute.Lifetime(Duration.ofSeconds(600))));
        assertThat(allocation.get().relayed()).isEqualTo(RELAYED);
        if (bind) {
            CompletableFuture<Integer> channel = t.turn.bindChannel(PEER);
            t.answer(List.of());
            assertThat(channel.get()).isEqualTo(ChannelData.MIN_CHANNEL);
        }
        return t;
    }

    /** Reads the client's next request and answers it with success and {@code attributes}. */
    void answer(List<StunAttribute> attributes) throws StunException {
        DatagramPacket request = channel.readOutbound();
        assertThat(request).as("a request to the server").isNotNull();
        try {
            assertThat(request.recipient()).isEqualTo(SERVER);
            StunMessage response = StunMessage.successResponse(StunCodec.decode(request.content()), attributes);
            fromServer(StunCodec.encode(channel.alloc(), response, StunProtection.FINGERPRINT));
        } finally {
            request.release();
        }
    }

    void fromServer(ByteBuf datagram) {
        channel.writeInbound(new DatagramPacket(datagram, LOCAL, SERVER));
        channel.runPendingTasks();
    }

    void from(InetSocketAddress sender, ByteBuf datagram) {
        channel.writeInbound(new DatagramPacket(datagram, LOCAL, sender));
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
