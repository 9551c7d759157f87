package io.p2proxy.ice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records an agent's events (they arrive on its event loop; tests read them from theirs). */
final class RecordingListener implements Consumer<IceEvent> {

    final List<IceEvent> events = new CopyOnWriteArrayList<>();
    volatile Consumer<IceEvent> forward = e -> { };
    /** System.nanoTime() when the first Selected event arrived, or 0. */
    volatile long selectedAtNanos;

    @Override
    public void accept(IceEvent event) {
        if (event instanceof IceEvent.Selected && selectedAtNanos == 0) {
            selectedAtNanos = System.nanoTime();
        }
        events.add(event);
        forward.accept(event);
    }

    <T extends IceEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends IceEvent> T first(Class<T> type) {
        return all(type).stream().findFirst().orElse(null);
    }
}
