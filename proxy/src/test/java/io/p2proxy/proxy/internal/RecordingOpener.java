package io.p2proxy.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.p2proxy.common.ResourceAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An {@link Opener} that records what it was asked and releases the early bytes. */
final class RecordingOpener implements Opener {

    record Call(ResourceAddress to, String early, Replies replies) {
    }

    final List<Call> calls = new ArrayList<>();

    @Override
    public void open(Channel client, ResourceAddress to, ByteBuf early, Replies replies) {
        calls.add(new Call(to, early.toString(StandardCharsets.ISO_8859_1), replies));
        early.release();
    }
}
