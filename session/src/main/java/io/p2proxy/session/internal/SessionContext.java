package io.p2proxy.session.internal;

import io.p2proxy.common.Identity;
import io.p2proxy.session.SessionSettings;
import io.p2proxy.session.Signaling;
import io.p2proxy.transport.StreamResolver;

/** What every session of one peer shares; immutable. */
public record SessionContext(Identity identity, Signaling signaling, StreamResolver resolver, SessionSettings settings) {
}
