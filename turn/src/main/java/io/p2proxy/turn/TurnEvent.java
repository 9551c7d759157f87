package io.p2proxy.turn;

import java.time.Duration;

/** What happens to an allocation; delivered on the channel's event loop, in order. */
public sealed interface TurnEvent {

    /** The server granted the allocation: advertise {@code allocation.relayed()} as a relay candidate. */
    record Allocated(TurnAllocation allocation) implements TurnEvent {
    }

    /** A Refresh succeeded; the allocation now expires after {@code lifetime}. */
    record Refreshed(Duration lifetime) implements TurnEvent {
    }

    /** A Refresh, CreatePermission or ChannelBind renewal failed; {@code lost} when the allocation is gone. */
    record RefreshFailed(TurnException error, boolean lost) implements TurnEvent {
    }

    /** The allocation was released (LIFETIME 0) or abandoned by {@link TurnClient#close()}. */
    record Released() implements TurnEvent {
    }
}
