package io.p2proxy.rendezvous;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.p2proxy.signal.SignalException;
import io.p2proxy.signal.SignalListener;
import io.p2proxy.signal.SignalMessage.Error;
import io.p2proxy.signal.SignalState;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A SignalListener spy: every call, in order, readable from the test thread. */
final class RecordingListener implements SignalListener {

    record Received(String from, String fromId, JsonNode payload) {
    }

    record Relayed(String from, byte[] datagram) {
    }

    final List<SignalState> states = new CopyOnWriteArrayList<>();
    final List<String> reasons = new CopyOnWriteArrayList<>();
    final BlockingQueue<Received> signals = new LinkedBlockingQueue<>();
    final BlockingQueue<Relayed> relayed = new LinkedBlockingQueue<>();
    final BlockingQueue<Error> errors = new LinkedBlockingQueue<>();
    final List<SignalException> failures = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(SignalState state, String reason) {
        states.add(state);
        reasons.add(String.valueOf(reason));
    }

    @Override
    public void signalReceived(String from, String fromId, JsonNode payload) {
        signals.add(new Received(from, fromId, payload));
    }

    @Override
    public void relayReceived(String from, ByteBuf datagram) {
        try {
            relayed.add(new Relayed(from, ByteBufUtil.getBytes(datagram)));
        } finally {
            datagram.release();
        }
    }

    @Override
    public void errorReceived(Error error) {
        errors.add(error);
    }

    @Override
    public void failed(SignalException failure) {
        failures.add(failure);
    }

    long count(SignalState state) {
        return states.stream().filter(s -> s == state).count();
    }
}
