package io.p2proxy.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.ice.LoopbackPeers.Peer;
import io.p2proxy.stun.IceAttribute;
import io.p2proxy.stun.StunAttribute;
import io.p2proxy.stun.StunClass;
import io.p2proxy.stun.StunCodec;
import io.p2proxy.stun.StunException;
import io.p2proxy.stun.StunKey;
import io.p2proxy.stun.StunMessage;
import io.p2proxy.stun.StunMethod;
import io.p2proxy.stun.StunProtection;
import io.p2proxy.stun.TransactionId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One real agent checks a peer the test plays by hand on 127.0.0.2 while an attacker on
 * 127.0.0.3 injects forged traffic. Nothing forged is accepted or nominated; then the honest
 * answer from the peer gets the pair selected, so the test is not passing vacuously.
 */
class IceAgentSpoofingTest {

    private final LoopbackPeers peers = new LoopbackPeers();

    @AfterEach
    void tearDown() {
        peers.close();
    }

    @Test
    void forgedResponsesAndChecksAreDroppedAndNothingIsNominatedOnThem() throws StunException {
        Peer agent = peers.bind("127.0.0.1");
        Peer peer = peers.bind("127.0.0.2");       // no agent: the test answers by hand
        Peer attacker = peers.bind("127.0.0.3");
        IceCredentials peerCredentials = IceCredentials.random();
        StunKey peerKey = StunKey.shortTerm(peerCredentials.pwd());
        IceAgent ice = agent.attach(IceRole.CONTROLLING, IceConfig.defaults().withChecks(Duration.ofMillis(300), 5)
                .withNominationDelay(Duration.ofMillis(50)));
        ice.setRemoteCredentials(peerCredentials);
        ice.addRemoteCandidate(Candidate.udp("p", 2130706431L, peer.address(), CandidateType.HOST, null));
        ice.gather();

        await().atMost(Duration.ofSeconds(5)).until(() -> !peer.passedOn.isEmpty());
        StunMessage check = StunCodec.decode(peer.passedOn.get(0), StunProtection.sha1(peerKey));
        assertThat(check.attribute(StunAttribute.Username.class)).get().extracting(StunAttribute.Username::value)
                .isEqualTo(peerCredentials.ufrag() + ":" + ice.localCredentials().ufrag());
        assertThat(check.has(IceAttribute.Priority.class)).isTrue();
        assertThat(check.has(IceAttribute.IceControlling.class)).isTrue();
        assertThat(check.has(IceAttribute.UseCandidate.class)).isFalse();

        StunMessage honest = StunMessage.successResponse(check, List.of(new StunAttribute.XorMappedAddress(agent.address())));
        // 1. the right answer, from the wrong address
        send(attacker, agent, honest, StunProtection.sha1(peerKey));
        // 2. from the right address, with a transaction nobody started
        send(peer, agent, new StunMessage(StunClass.SUCCESS_RESPONSE, StunMethod.BINDING, TransactionId.random(),
                honest.attributes()), StunProtection.sha1(peerKey));
        // 3. from the right address and transaction, but MESSAGE-INTEGRITY with a guessed password
        send(peer, agent, honest, StunProtection.sha1(StunKey.shortTerm("guessed-password-000000")));
        // 4. a check with the wrong password, nominating the attacker
        StunMessage forgedCheck = StunMessage.request(StunMethod.BINDING,
                new StunAttribute.Username(ice.localCredentials().ufrag() + ":evil"), new IceAttribute.Priority(2130706431L),
                new IceAttribute.IceControlled(1), new IceAttribute.UseCandidate());
        send(attacker, agent, forgedCheck, StunProtection.sha1(StunKey.shortTerm("guessed-password-000000")));
        // 5. a check for another agent's ufrag, and one without MESSAGE-INTEGRITY
        send(attacker, agent, StunMessage.request(StunMethod.BINDING, new StunAttribute.Username("nobody:evil"),
                new IceAttribute.IceControlled(1)), StunProtection.sha1(StunKey.shortTerm("x")));
        send(attacker, agent, StunMessage.request(StunMethod.BINDING, new StunAttribute.Username(
                ice.localCredentials().ufrag() + ":evil")), StunProtection.FINGERPRINT);

        await().atMost(Duration.ofSeconds(3)).until(() -> {
            IceStats s = ice.stats().join();
            return s.responsesDropped() >= 3 && s.checksRejected() >= 3;
        });
        await().atMost(Duration.ofSeconds(3)).until(() -> attacker.passedOn.size() >= 3);
        // The attacker got error responses only (401, 401, 400) and was never checked back.
        for (byte[] bytes : attacker.passedOn) {
            StunMessage m = StunCodec.decode(bytes);
            assertThat(m.messageClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        }
        assertThat(attacker.passedOn).extracting(b -> StunCodec.decode(b).attribute(StunAttribute.ErrorCode.class)
                .orElseThrow().code()).containsExactlyInAnyOrder(401, 401, 400);
        assertThat(agent.listener.all(IceEvent.Selected.class)).isEmpty();
        assertThat(ice.stats().join().checksAnswered()).isZero();
        for (byte[] bytes : List.copyOf(peer.passedOn)) {
            assertThat(StunCodec.decode(bytes).has(IceAttribute.UseCandidate.class)).as("nominated on a forgery").isFalse();
        }

        // The honest answer to the latest retransmission (any copy carries the same transaction).
        send(peer, agent, honest, StunProtection.sha1(peerKey));
        await().atMost(Duration.ofSeconds(3)).until(() -> peer.passedOn.stream()
                .anyMatch(b -> decodeQuietly(b).has(IceAttribute.UseCandidate.class)));
        StunMessage nomination = peer.passedOn.stream().map(IceAgentSpoofingTest::decodeQuietly)
                .filter(m -> m.has(IceAttribute.UseCandidate.class)).findFirst().orElseThrow();
        send(peer, agent, StunMessage.successResponse(nomination, List.of(new StunAttribute.XorMappedAddress(agent.address()))),
                StunProtection.sha1(peerKey));
        await().atMost(Duration.ofSeconds(3)).until(() -> agent.listener.first(IceEvent.Selected.class) != null);
        assertThat(agent.listener.first(IceEvent.Selected.class).pair().remoteAddress()).isEqualTo(peer.address());
        IceAgentLoopbackTest.closeAll(agent);
        peer.channel.close().syncUninterruptibly();
        attacker.channel.close().syncUninterruptibly();
    }

    private static void send(Peer from, Peer to, StunMessage message, StunProtection protection) {
        byte[] bytes = StunCodec.encodeToBytes(message, protection);
        from.channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), to.address())).syncUninterruptibly();
    }

    private static StunMessage decodeQuietly(byte[] bytes) {
        try {
            return StunCodec.decode(bytes);
        } catch (StunException e) {
            throw new AssertionError(e);
        }
    }
}
