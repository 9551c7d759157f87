package io.p2proxy.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import io.p2proxy.ice.LoopbackPeers.Peer;
import io.p2proxy.testkit.Coturn;
import io.p2proxy.testkit.FreePort;
import io.p2proxy.testkit.RecordingLog;
import io.p2proxy.turn.TurnConfig;
import io.p2proxy.turn.TurnTransport;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Two real agents on loopback sockets with one real coturn between them; signaling is direct method calls. */
class IceAgentTurnTest {

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(IceAgentTurnTest.class);
    private static final IceConfig BASE = IceConfig.defaults().withChecks(Duration.ofMillis(200), 5)
            .withNominationDelay(Duration.ofMillis(100));
    private static final int DATAGRAMS = 3000;
    private static final int BATCH = 50;

    @TempDir
    static Path dir;
    static Coturn coturn;

    private final LoopbackPeers peers = new LoopbackPeers();

    @BeforeAll
    static void startCoturn() throws Exception {
        coturn = Coturn.start(dir).awaitTcp();
    }

    @AfterAll
    static void stopCoturn() throws Exception {
        if (coturn != null) {
            coturn.close();
        }
    }

    @AfterEach
    void tearDown() {
        peers.close();
    }

    @Test
    void relayOnlyOnBothSidesSelectsARelayPairThatCarriesDatagramsBothWaysAndIsReleasedOnClose() throws Exception {
        try (RecordingLog logs = new RecordingLog("io.p2proxy")) {
            relayOnlyOnBothSides(logs);
        }
    }

    private void relayOnlyOnBothSides(RecordingLog logs) throws Exception {
        IceConfig relay = BASE.withTransportPolicy(IceTransportPolicy.RELAY);
        Selection s = connect(relay.withTurnServers(List.of(turn("u"))),
                relay.withTurnServers(List.of(turn("v"))));
        assertAllCandidates(s.pa(), s.pb(), CandidateType.RELAY);
        assertThat(s.pa().relayedVia()).isEqualTo(s.pa().local().address()).isEqualTo(s.pb().remoteAddress());
        assertThat(s.pb().relayedVia()).isEqualTo(s.pb().local().address()).isEqualTo(s.pa().remoteAddress());
        assertThat(s.a().listener.all(IceEvent.LocalCandidate.class)).extracting(c -> c.candidate().type())
                .containsOnly(CandidateType.RELAY);

        WireCounter wire = new WireCounter(coturn.server());
        s.a().channel.pipeline().addFirst(wire); // at the head: sees what the TURN client sends to the server
        long start = System.nanoTime();
        transfer(s.a(), s.pa(), s.b());
        transfer(s.b(), s.pb(), s.a());
        log.info("ICE over TURN (coturn, loopback): {} datagrams of 1000 bytes each way in {} ms; from A {} as "
                + "ChannelData (1004 bytes), {} as Send indications", DATAGRAMS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), wire.channelData, wire.sendIndications);
        // The selected relay pair got a TURN channel: after the first round trip, 4 bytes of overhead per datagram.
        assertThat(wire.channelData.get()).isGreaterThan(DATAGRAMS - BATCH);
        s.a().channel.pipeline().remove(wire);

        s.a().agent.closeAsync().get(10, TimeUnit.SECONDS);
        s.b().agent.closeAsync().get(10, TimeUnit.SECONDS);
        assertThat(s.a().channel.pipeline().names()).noneMatch(n -> n.startsWith("turn") || n.startsWith("stun"));
        assertThat(s.b().channel.pipeline().names()).noneMatch(n -> n.startsWith("turn") || n.startsWith("stun"));
        // coturn confirmed LIFETIME 0 for both (an unconfirmed release says "no confirmation").
        for (SelectedPair p : List.of(s.pa(), s.pb())) {
            assertThat(logs.linesWith("TURN allocation " + p.relayedVia() + " on " + coturn.server() + " released"))
                    .containsExactly("TURN allocation " + p.relayedVia() + " on " + coturn.server() + " released");
        }
        closeChannels(s.a(), s.b());
    }

    @Test
    void relayOnlyOnOneSideStillSelectsARelayPair() throws Exception {
        Selection s = connect(BASE.withTurnServers(List.of(turn("u"))),
                BASE.withTransportPolicy(IceTransportPolicy.RELAY).withTurnServers(List.of(turn("v"))));
        assertThat(s.pb().local().type()).isEqualTo(CandidateType.RELAY);
        assertThat(s.pa().remote().type()).isEqualTo(CandidateType.RELAY);
        transfer(s.a(), s.pa(), s.b());
        transfer(s.b(), s.pb(), s.a());
        closeAll(s.a(), s.b());
    }

    @Test
    void aRelayCandidateFromTurnOverTcpIsSelectedAndCarriesDatagramsBothWays() throws Exception {
        IceConfig relay = BASE.withTransportPolicy(IceTransportPolicy.RELAY);
        Selection s = connect(relay.withTurnServers(List.of(turn("u").withTransport(TurnTransport.TCP))),
                relay.withTurnServers(List.of(turn("v"))));
        assertAllCandidates(s.pa(), s.pb(), CandidateType.RELAY);
        assertThat(s.pa().local().transport()).as("the relayed address is UDP").isEqualTo(TransportKind.UDP);
        transfer(s.a(), s.pa(), s.b());
        transfer(s.b(), s.pb(), s.a());
        closeAll(s.a(), s.b());
    }

    @Test
    void turnOverTcpGivesNoServerReflexiveCandidateFromTheConnectionsMapping() throws Exception {
        Peer a = peers.bind("127.0.0.1");
        a.attach(IceRole.CONTROLLING, BASE.withTurnServers(List.of(turn("u").withTransport(TurnTransport.TCP)))).gather();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.listener.first(IceEvent.GatheringDone.class) != null);
        assertThat(a.listener.all(IceEvent.LocalCandidate.class)).extracting(c -> c.candidate().type())
                .containsOnly(CandidateType.HOST, CandidateType.RELAY).contains(CandidateType.RELAY);
        closeAll(a);
    }

    @Test
    void withPolicyAllAndHostCandidatesTheHostPairWinsOverTheRelay() throws Exception {
        Selection s = connect(BASE.withTurnServers(List.of(turn("u"))),
                BASE.withTurnServers(List.of(turn("v"))));
        assertAllCandidates(s.pa(), s.pb(), CandidateType.HOST);
        assertThat(s.pa().relayedVia()).isNull();
        // Both gathered a relay candidate (and trickled it); it only lost on priority.
        await().atMost(Duration.ofSeconds(10)).until(() -> s.a().listener.first(IceEvent.GatheringDone.class) != null);
        assertThat(s.a().listener.all(IceEvent.LocalCandidate.class)).extracting(c -> c.candidate().type())
                .contains(CandidateType.HOST, CandidateType.RELAY);
        closeAll(s.a(), s.b());
    }

    @Test
    void aTurnServerThatIsDownOrRefusesTheCredentialsCostsOneLogLineEachAndGatheringGoesOn() throws Exception {
        InetSocketAddress down = new InetSocketAddress("127.0.0.1", FreePort.udp());
        try (RecordingLog logs = new RecordingLog("io.p2proxy")) {
            Peer a = peers.bind("127.0.0.1");
            IceConfig config = BASE.withTurnTimeout(Duration.ofSeconds(1)).withTurnServers(List.of(
                    TurnConfig.of(down, "u", Coturn.PASSWORD), turn("u").withPassword("wrong")));
            a.attach(IceRole.CONTROLLING, config).gather();
            await().atMost(Duration.ofSeconds(5)).until(() -> a.listener.first(IceEvent.GatheringDone.class) != null);
            assertThat(a.listener.all(IceEvent.LocalCandidate.class)).extracting(c -> c.candidate().type())
                    .containsOnly(CandidateType.HOST).isNotEmpty();
            a.agent.closeAsync().get(10, TimeUnit.SECONDS);
            assertThat(logs.linesWith(down.toString())).singleElement().asString()
                    .contains("gave no relay candidate", "no allocation within 1000 ms");
            assertThat(logs.linesWith(coturn.server().toString())).singleElement().asString()
                    .contains("Allocate", "401");
            closeChannels(a);
        }
    }

    private static void assertAllCandidates(SelectedPair pa, SelectedPair pb, CandidateType type) {
        assertThat(List.of(pa.local().type(), pa.remote().type(), pb.local().type(), pb.remote().type()))
                .as("%s / %s", pa, pb).containsOnly(type);
    }

    private static TurnConfig turn(String user) {
        return TurnConfig.of(coturn.server(), user, Coturn.PASSWORD);
    }

    /** Two agents on two loopback sockets, A controlling and B controlled, and the pairs they selected. */
    private record Selection(Peer a, Peer b, SelectedPair pa, SelectedPair pb) {
    }

    /** Candidates, end-of-candidates and credentials passed straight across; waits for both selections. */
    private Selection connect(IceConfig configA, IceConfig configB) {
        Peer a = peers.bind("127.0.0.1");
        Peer b = peers.bind("127.0.0.1");
        IceAgent agentA = a.attach(IceRole.CONTROLLING, configA);
        IceAgent agentB = b.attach(IceRole.CONTROLLED, configB);
        trickle(a, agentB);
        trickle(b, agentA);
        agentA.setRemoteCredentials(agentB.localCredentials());
        agentB.setRemoteCredentials(agentA.localCredentials());
        agentA.gather();
        agentB.gather();
        return new Selection(a, b, selected(a), selected(b));
    }

    private static void trickle(Peer from, IceAgent to) {
        from.listener.forward = event -> {
            if (event instanceof IceEvent.LocalCandidate c) {
                to.addRemoteCandidate(IceAgentLoopbackTest.parse(c.candidate().format()));
            } else if (event instanceof IceEvent.GatheringDone) {
                to.remoteEndOfCandidates();
            }
        };
    }

    private static SelectedPair selected(Peer p) {
        await().atMost(Duration.ofSeconds(15)).until(() -> p.listener.first(IceEvent.Selected.class) != null
                || p.listener.first(IceEvent.Failed.class) != null);
        assertThat(p.listener.all(IceEvent.Failed.class)).as(coturn.describe()).isEmpty();
        return p.listener.first(IceEvent.Selected.class).pair();
    }

    /**
     * Sends datagrams the way the path layer will: {@code DatagramPacket(data, remote, relayedVia)}
     * written at the pipeline's tail, in batches (a UDP burst through a relay may overflow a socket
     * buffer); they must all arrive, from the pair's remote address, with the same bytes.
     */
    private static void transfer(Peer from, SelectedPair pair, Peer to) throws Exception {
        int before = to.passedOn.size();
        int relayedBefore = to.relayed.get();
        List<byte[]> sent = new ArrayList<>();
        for (int seq = 0; seq < DATAGRAMS; seq += BATCH) {
            for (int i = seq; i < seq + BATCH; i++) {
                byte[] data = new byte[1000];
                ThreadLocalRandom.current().nextBytes(data);
                data[0] = 0x40; // a QUIC short header's first byte, not STUN's 0..3
                ByteBuffer.wrap(data).putInt(1, i);
                sent.add(data);
                from.channel.write(new DatagramPacket(Unpooled.wrappedBuffer(data), pair.remoteAddress(), pair.relayedVia()));
            }
            from.channel.flush();
            int expected = before + seq + BATCH;
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2)).until(() -> to.passedOn.size() >= expected);
        }
        List<byte[]> received = new ArrayList<>(to.passedOn.subList(before, to.passedOn.size()));
        received.sort(Comparator.comparingInt(d -> ByteBuffer.wrap(d).getInt(1)));
        assertThat(digest(received)).isEqualTo(digest(sent));
        assertThat(to.senders.subList(before, to.senders.size())).containsOnly(pair.local().address());
        if (pair.remote().type() == CandidateType.RELAY) { // the receiver's own allocation unwrapped them
            assertThat(to.relayed.get() - relayedBefore).as("datagrams that came through the relay").isEqualTo(DATAGRAMS);
        }
    }

    /** Counts the 1000-byte payloads written to the TURN server, by how they were wrapped. */
    @ChannelHandler.Sharable
    private static final class WireCounter extends ChannelOutboundHandlerAdapter {
        final InetSocketAddress server;
        final AtomicInteger channelData = new AtomicInteger();
        final AtomicInteger sendIndications = new AtomicInteger();

        WireCounter(InetSocketAddress server) {
            this.server = server;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof DatagramPacket p && server.equals(p.recipient()) && p.content().readableBytes() > 1000) {
                int first = p.content().getUnsignedByte(p.content().readerIndex());
                (first >= 0x40 && first <= 0x4F && p.content().readableBytes() == 1004 ? channelData : sendIndications)
                        .incrementAndGet();
            }
            ctx.write(msg, promise);
        }
    }

    private static String digest(List<byte[]> datagrams) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        datagrams.forEach(sha::update);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void closeAll(Peer... all) throws Exception {
        for (Peer p : all) {
            p.agent.closeAsync().get(10, TimeUnit.SECONDS);
        }
        closeChannels(all);
    }

    private static void closeChannels(Peer... all) {
        for (Peer p : all) {
            p.channel.close().syncUninterruptibly();
        }
    }
}
