package io.p2proxy.ice.internal;

import io.netty.buffer.ByteBuf;
import io.p2proxy.ice.IceRole;
import io.p2proxy.ice.TransportKind;
import io.p2proxy.stun.IceAttribute;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMessages;
import io.p2proxy.stun.StunProtection;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers connectivity checks (RFC 8445 §7.3) and consent checks (RFC 7675): authenticates
 * them with the local password, resolves role conflicts, answers with XOR-MAPPED-ADDRESS, and
 * tells the controller (peer-reflexive candidates, triggered checks, USE-CANDIDATE). Confined to
 * the event loop.
 */
final class CheckResponder {

    private static final Logger log = LoggerFactory.getLogger(CheckResponder.class);

    private final AgentCore core;
    private final Runnable wake;

    CheckResponder(AgentCore core, Runnable wake) {
        this.core = core;
        this.wake = wake;
    }

    /**
     * A STUN Binding request from {@code from}, received through the relay {@code via} (then it is
     * answered through it) or directly (null); the caller keeps ownership of {@code content}.
     */
    void onRequest(ByteBuf content, InetSocketAddress from, InetSocketAddress via) {
        StunMessage request;
        try {
            // §7.1: checks carry FINGERPRINT; without it (or with a wrong one) the datagram is not
            // an ICE check at all, and RFC 8489 §7.3 says such a message is silently discarded.
            request = StunCodec.decode(content, StunProtection.FINGERPRINT);
        } catch (StunException e) {
            reject(from, "drop: " + e.getMessage());
            return;
        }
        var username = request.attribute(StunAttribute.Username.class);
        if (username.isEmpty() || !request.has(StunAttribute.MessageIntegrity.class)) {
            // RFC 8489 §9.1.3: no MESSAGE-INTEGRITY or no USERNAME: 400 (Bad Request).
            error(request, from, via, StunAttribute.ErrorCode.BAD_REQUEST, "Bad Request", false);
            return;
        }
        String expectedPrefix = core.local.ufrag() + ":";
        if (!username.get().value().startsWith(expectedPrefix)
                || username.get().value().length() == expectedPrefix.length()) {
            // §7.3: "the USERNAME ... MUST be LFRAG:RFRAG" as seen from the receiver; otherwise 401.
            error(request, from, via, StunAttribute.ErrorCode.UNAUTHENTICATED, "Unauthenticated", false);
            return;
        }
        try {
            StunCodec.decode(content, StunProtection.sha1(core.localKey));
        } catch (StunException e) {
            error(request, from, via, StunAttribute.ErrorCode.UNAUTHENTICATED, "Unauthenticated", false); // §9.1.3
            return;
        }
        StunMessage unknown = StunMessages.unknownAttributesResponse(request, List.of());
        if (unknown != null) {
            reply(unknown, from, via, true);
            core.checksRejected++;
            return;
        }
        var controlling = request.attribute(IceAttribute.IceControlling.class);
        var controlled = request.attribute(IceAttribute.IceControlled.class);
        if (controlling.isPresent() || controlled.isPresent()) {
            IceRole theirs = controlling.isPresent() ? IceRole.CONTROLLING : IceRole.CONTROLLED;
            long tieBreaker = controlling.map(IceAttribute.IceControlling::tieBreaker)
                    .orElseGet(() -> controlled.get().tieBreaker());
            if (core.controller.incomingRole(theirs, tieBreaker) == IceController.RoleConflict.REPLY_487) {
                error(request, from, via, 487, "Role Conflict", true); // §7.3.1.1
                return;
            }
        }
        // §7.3.1.2: a success response with XOR-MAPPED-ADDRESS = the source of the request,
        // MESSAGE-INTEGRITY with the local password, FINGERPRINT.
        reply(StunMessage.successResponse(request, List.of(new StunAttribute.XorMappedAddress(from))), from, via, true);
        core.checksAnswered++;
        long priority = request.attribute(IceAttribute.Priority.class).map(IceAttribute.Priority::value).orElse(1L);
        boolean useCandidate = request.has(IceAttribute.UseCandidate.class);
        boolean stopped = core.controller.stopped();
        core.controller.checkReceived(from, via, TransportKind.UDP, priority, useCandidate, core.now());
        if (stopped && !core.controller.stopped()) {
            log.info("ICE checks resumed: {} checks again (RFC 8445 §7.3.1.4)", AgentCore.hostPort(from));
        }
        core.publish();
        wake.run();
    }

    private void error(StunMessage request, InetSocketAddress from, InetSocketAddress via, int code, String reason,
            boolean integrity) {
        reply(StunMessage.errorResponse(request, code, reason, List.of()), from, via, integrity);
        reject(from, code + " " + reason);
    }

    private void reject(InetSocketAddress from, String what) {
        core.checksRejected++;
        log.debug("ICE check from {} refused: {}", from, what);
    }

    private void reply(StunMessage response, InetSocketAddress to, InetSocketAddress via, boolean integrity) {
        // RFC 8489 §9.1.3: 400 and 401 go without MESSAGE-INTEGRITY (the key is unknown or wrong).
        StunProtection protection = integrity ? StunProtection.sha1(core.localKey) : StunProtection.FINGERPRINT;
        core.send(StunCodec.encode(core.ctx.alloc(), response, protection), to, via);
    }
}
