package io.p2proxy.signal;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;

/**
 * Joins fragmented text messages (JSON signals may be fragmented by any WebSocket stack), and
 * leaves binary frames alone: a relayed datagram always travels in one final frame, so a
 * fragmented binary frame, and the continuation frames that follow it, pass through as they are
 * for the reader to drop. Nothing binary is ever buffered here.
 */
public final class TextFrameAggregator extends WebSocketFrameAggregator {

    public TextFrameAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected boolean isStartMessage(WebSocketFrame msg) {
        return msg instanceof TextWebSocketFrame;
    }
}
