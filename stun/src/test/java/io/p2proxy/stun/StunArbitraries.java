package io.p2proxy.stun;

import io.p2proxy.stun.internal.KnownTypes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for every attribute record, keyed by record class so that tests can check coverage. */
final class StunArbitraries {

    private StunArbitraries() {
    }

    static Map<Class<? extends StunAttribute>, Arbitrary<? extends StunAttribute>> byType() {
        Map<Class<? extends StunAttribute>, Arbitrary<? extends StunAttribute>> m = new LinkedHashMap<>();
        m.put(StunAttribute.MappedAddress.class, addresses().map(StunAttribute.MappedAddress::new));
        m.put(StunAttribute.XorMappedAddress.class, addresses().map(StunAttribute.XorMappedAddress::new));
        m.put(StunAttribute.Username.class, text().map(StunAttribute.Username::new));
        m.put(StunAttribute.Realm.class, text().map(StunAttribute.Realm::new));
        m.put(StunAttribute.Nonce.class, text().map(StunAttribute.Nonce::new));
        m.put(StunAttribute.Software.class, text().map(StunAttribute.Software::new));
        m.put(StunAttribute.MessageIntegrity.class, bytes(20, 20).map(StunAttribute.MessageIntegrity::new));
        m.put(StunAttribute.MessageIntegritySha256.class, Arbitraries.integers().between(4, 8)
                .flatMap(n -> bytes(4 * n, 4 * n)).map(StunAttribute.MessageIntegritySha256::new));
        m.put(StunAttribute.Fingerprint.class, Arbitraries.integers().map(StunAttribute.Fingerprint::new));
        m.put(StunAttribute.ErrorCode.class, Combinators.combine(Arbitraries.integers().between(300, 699), text())
                .as(StunAttribute.ErrorCode::new));
        m.put(StunAttribute.UnknownAttributes.class, Arbitraries.integers().between(0, 0xffff).list().ofMaxSize(12)
                .map(StunAttribute.UnknownAttributes::new));
        m.put(StunAttribute.AlternateServer.class, addresses().map(StunAttribute.AlternateServer::new));
        m.put(StunAttribute.Unknown.class, Combinators.combine(
                Arbitraries.integers().between(0, 0xffff).filter(t -> !KnownTypes.isKnown(t)), bytes(0, 64))
                .as(StunAttribute.Unknown::new));
        m.put(IceAttribute.Priority.class, Arbitraries.longs().between(0, 0xffff_ffffL).map(IceAttribute.Priority::new));
        m.put(IceAttribute.UseCandidate.class, Arbitraries.just(new IceAttribute.UseCandidate()));
        m.put(IceAttribute.IceControlled.class, Arbitraries.longs().map(IceAttribute.IceControlled::new));
        m.put(IceAttribute.IceControlling.class, Arbitraries.longs().map(IceAttribute.IceControlling::new));
        m.put(TurnAttribute.ChannelNumber.class, Arbitraries.integers().between(0, 0xffff)
                .map(TurnAttribute.ChannelNumber::new));
        m.put(TurnAttribute.Lifetime.class, Arbitraries.longs().between(0, 0xffff_ffffL)
                .map(s -> new TurnAttribute.Lifetime(Duration.ofSeconds(s))));
        m.put(TurnAttribute.XorPeerAddress.class, addresses().map(TurnAttribute.XorPeerAddress::new));
        m.put(TurnAttribute.Data.class, bytes(0, 300).map(TurnAttribute.Data::new));
        m.put(TurnAttribute.XorRelayedAddress.class, addresses().map(TurnAttribute.XorRelayedAddress::new));
        m.put(TurnAttribute.RequestedAddressFamily.class, Arbitraries.integers().between(0, 255)
                .map(TurnAttribute.RequestedAddressFamily::new));
        m.put(TurnAttribute.EvenPort.class, Arbitraries.of(true, false).map(TurnAttribute.EvenPort::new));
        m.put(TurnAttribute.RequestedTransport.class, Arbitraries.integers().between(0, 255)
                .map(TurnAttribute.RequestedTransport::new));
        m.put(TurnAttribute.DontFragment.class, Arbitraries.just(new TurnAttribute.DontFragment()));
        m.put(TurnAttribute.ReservationToken.class, Arbitraries.longs().map(TurnAttribute.ReservationToken::new));
        m.put(NatBehaviorAttribute.ChangeRequest.class, Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(NatBehaviorAttribute.ChangeRequest::new));
        m.put(NatBehaviorAttribute.ResponseOrigin.class, addresses().map(NatBehaviorAttribute.ResponseOrigin::new));
        m.put(NatBehaviorAttribute.OtherAddress.class, addresses().map(NatBehaviorAttribute.OtherAddress::new));
        return m;
    }

    @SuppressWarnings("unchecked")
    static Arbitrary<StunAttribute> anyAttribute() {
        return Arbitraries.oneOf(byType().values().stream().map(a -> (Arbitrary<StunAttribute>) a).toList());
    }

    /** Attributes that may stand anywhere in a message: not the integrity ones (they must come last). */
    @SuppressWarnings("unchecked")
    static Arbitrary<StunAttribute> plainAttribute() {
        return Arbitraries.oneOf(byType().entrySet().stream()
                .filter(e -> e.getKey() != StunAttribute.MessageIntegrity.class
                        && e.getKey() != StunAttribute.MessageIntegritySha256.class
                        && e.getKey() != StunAttribute.Fingerprint.class)
                .map(e -> (Arbitrary<StunAttribute>) e.getValue()).toList());
    }

    static Arbitrary<TransactionId> transactionIds() {
        return bytes(12, 12).map(TransactionId::of);
    }

    static Arbitrary<InetSocketAddress> addresses() {
        return Combinators.combine(Arbitraries.of(4, 16).flatMap(n -> bytes(n, n)),
                Arbitraries.integers().between(0, 65535)).as((ip, port) -> {
                    try {
                        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
                    } catch (UnknownHostException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    /** Any BMP text below the surrogates (so UTF-8 round-trips), short and sometimes empty. */
    static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(40);
    }

    static Arbitrary<byte[]> bytes(int min, int max) {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
    }
}
