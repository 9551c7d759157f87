package io.p2proxy.turn;

/**
 * A snapshot of one client's counters, for status lines, metrics and tests.
 *
 * @param allocated    whether an allocation is live
 * @param refreshes    successful Refresh requests (not counting the release)
 * @param staleNonces  438 Stale Nonce answers handled by retrying with the fresh NONCE
 * @param permissions  peer IP addresses with a permission
 * @param channels     channel bindings (bound or pending)
 * @param datagramsIn  datagrams unwrapped from the relay (ChannelData and Data indications)
 * @param datagramsOut datagrams sent through the relay (ChannelData and Send indications)
 */
public record TurnStats(boolean allocated, long refreshes, long staleNonces, int permissions, int channels,
        long datagramsIn, long datagramsOut) {
}
