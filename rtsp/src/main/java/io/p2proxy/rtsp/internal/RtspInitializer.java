package io.p2proxy.rtsp.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.p2proxy.session.SessionManager;

/**
 * Assembles a client connection's pipeline, head to tail:
 * <pre>
 *   OpenGuard          how the socket ends while the stream opens (leaves once it is open)
 *   ResponseRewriter   outbound: server bytes from the splice, split, rewritten for the client
 *   RequestDecoder     inbound: client bytes split into messages and interleaved data
 *   RouteHandler       first request: route, move to the session's loop, open; then replay
 *   RequestRewriter    inbound: messages rewritten for the server and encoded
 *   [splice]           added by the transport at the end: reads what comes out of the above,
 *                      writes the server's bytes from the tail through ResponseRewriter
 * </pre>
 */
public final class RtspInitializer extends ChannelInitializer<SocketChannel> {

    private final SessionManager sessions;
    private final String label;

    public RtspInitializer(SessionManager sessions, String label) {
        this.sessions = sessions;
        this.label = label;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RouteSlot slot = new RouteSlot();
        OpenGuard guard = new OpenGuard();
        ch.pipeline().addLast(guard, new ResponseRewriter(slot, label), new RequestDecoder(label),
                new RouteHandler(sessions, slot, guard, label), new RequestRewriter(slot, label));
    }
}
