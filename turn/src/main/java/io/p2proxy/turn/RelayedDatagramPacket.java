package io.p2proxy.turn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * A datagram a peer sent to our relayed address, unwrapped from ChannelData or a Data indication
 * and fired into the pipeline as if the socket had received it directly: {@link #sender()} is the
 * peer, {@link #recipient()} is the relayed address (the "local candidate" it arrived on, which is
 * how ICE tells a check received through the relay from one received on the host socket).
 *
 * <p>It enters at the head of the pipeline, so every handler sees it wherever it sits relative to
 * the TURN handler; the TURN handler passes its own re-fired packets through. Handlers that only
 * know {@link DatagramPacket} need nothing more; the subtype is for those that want to know.
 * The symmetric outbound rule: a {@link DatagramPacket} written from behind the TURN handler
 * whose {@code sender} is the relayed address goes out through the relay to its recipient.
 */
public final class RelayedDatagramPacket extends DatagramPacket {

    public RelayedDatagramPacket(ByteBuf data, InetSocketAddress relayed, InetSocketAddress peer) {
        super(data, relayed, peer);
    }

    @Override
    public RelayedDatagramPacket replace(ByteBuf content) {
        return new RelayedDatagramPacket(content, recipient(), sender());
    }

    @Override
    public RelayedDatagramPacket copy() {
        return replace(content().copy());
    }

    @Override
    public RelayedDatagramPacket duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public RelayedDatagramPacket retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public RelayedDatagramPacket retain() {
        super.retain();
        return this;
    }

    @Override
    public RelayedDatagramPacket retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public RelayedDatagramPacket touch() {
        super.touch();
        return this;
    }

    @Override
    public RelayedDatagramPacket touch(Object hint) {
        super.touch(hint);
        return this;
    }
}
