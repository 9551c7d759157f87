package io.p2proxy.ice;

/**
 * Counters of one agent, for status pages and tests.
 *
 * @param checksSent        connectivity and consent requests sent, retransmissions included
 * @param checksAnswered    incoming checks answered with success
 * @param checksRejected    incoming checks refused (400/401/420/487) or dropped for a bad FINGERPRINT
 * @param responsesDropped  STUN responses dropped: unknown transaction, wrong source address, failed integrity
 */
public record IceStats(long checksSent, long checksAnswered, long checksRejected, long responsesDropped) {
}
