package io.p2proxy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.p2proxy.common.Identity;
import io.p2proxy.common.PeerId;
import io.p2proxy.transport.internal.PeerCore;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** What an opener sees when a stream cannot open: a typed error, and an RST for its client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RefusalTest {

    @Test
    void anUnknownAndADeniedResourceLookTheSameToTheOpener() throws Exception {
        try (Fixture f = new Fixture()) {
            StreamOpenException unknown = refused(f, "nosuch");
            StreamOpenException denied = refused(f, "denied");
            assertThat(unknown.error()).isEqualTo(OpenError.NOT_FOUND_OR_DENIED);
            assertThat(denied.error()).isEqualTo(OpenError.NOT_FOUND_OR_DENIED);
            assertThat(unknown.getCause()).isNull();
            assertThat(denied.getCause()).isNull();
            assertThat(unknown.getMessage().replace("nosuch", "NAME"))
                    .isEqualTo(denied.getMessage().replace("denied", "NAME"));
            assertThat(f.bio.accepted()).as("a denied resource is never dialled").isZero();
            ResetTest.awaitNoStreams(f);
        }
    }

    @Test
    void aClosedTargetPortIsTargetRefused() throws Exception {
        try (Fixture f = new Fixture()) {
            assertThat(refused(f, "refused").error()).isEqualTo(OpenError.TARGET_REFUSED);
            ResetTest.awaitNoStreams(f);
        }
    }

    @Test
    void aDialerThatExpectsAnotherIdRefusesTheAcceptorNamingBothIds() throws Exception {
        PeerId other = Identity.generate().id();
        try (Fixture f = new Fixture(TransportConfig.defaults(), other, null, Map.of())) {
            StreamOpenException e = refused(f, "echo");
            assertThat(e.error()).isEqualTo(OpenError.AUTHENTICATION_FAILED);
            assertThat(e.getCause()).isInstanceOf(PeerIdMismatchException.class);
            PeerIdMismatchException mismatch = (PeerIdMismatchException) e.getCause();
            assertThat(mismatch.expected()).isEqualTo(other);
            assertThat(mismatch.actual()).isEqualTo(f.pair.idB.id());
            assertThat(e.getMessage()).contains(other.toString(), f.pair.idB.id().toString());
            assertThat(f.pair.a.authenticated().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(f.pair.a.authenticated().cause()).isInstanceOf(PeerIdMismatchException.class);
        }
    }

    @Test
    void anAcceptorThatExpectsAnotherIdRefusesTheDialerNamingBothIds() throws Exception {
        PeerId other = Identity.generate().id();
        Logger core = (Logger) LoggerFactory.getLogger(PeerCore.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        core.addAppender(logs);
        try (Fixture f = new Fixture(TransportConfig.defaults(), null, other, Map.of())) {
            StreamOpenException e = refused(f, "echo");
            assertThat(e.error()).isEqualTo(OpenError.AUTHENTICATION_FAILED);
            // The dialer only learns that it was refused: it names the id it dialled and its own.
            assertThat(e.getMessage()).contains(f.pair.idB.id().toString(), f.pair.idA.id().toString());
            // The acceptor knows both ids of the mismatch and says so in one line.
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.list.stream().anyMatch(l ->
                    l.getFormattedMessage().contains(other.toString())
                            && l.getFormattedMessage().contains(f.pair.idA.id().toString())));
            assertThat(f.pair.b.authenticated().isDone()).as("the acceptor never authenticated the dialer").isFalse();
            assertThat(f.pair.a.authenticated().await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(f.pair.a.authenticated().cause()).isInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                    .hasMessageContaining(f.pair.idA.id().toString());
        } finally {
            core.detachAppender(logs);
        }
    }

    /** Connects a client through a forward to {@code resource}: it must be reset; returns the opener's error. */
    static StreamOpenException refused(Fixture f, String resource) throws Exception {
        f.pair.opens.clear();
        InetSocketAddress forward = f.pair.forward(resource);
        try (Socket s = new Socket(forward.getAddress(), forward.getPort())) {
            s.setSoTimeout(10_000);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !f.pair.opens.isEmpty());
        var open = f.pair.opens.poll();
        assertThat(open.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(open.cause()).isInstanceOf(StreamOpenException.class);
        return (StreamOpenException) open.cause();
    }
}
