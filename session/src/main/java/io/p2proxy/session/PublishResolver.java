package io.p2proxy.session;

import io.p2proxy.common.PeerId;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.transport.OpenError;
import io.p2proxy.transport.StreamResolver;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publishing side's only source of dial targets: its own {@code [[publish]]} entries. A
 * resource that does not exist and one the asking peer may not use get the same answer, so that
 * nobody can probe what is published.
 */
public final class PublishResolver implements StreamResolver {

    private static final Logger log = LoggerFactory.getLogger(PublishResolver.class);

    private final String localName;
    private final Map<String, PeerConfig.Publish> published;
    private final Function<PeerId, String> names;

    /** @param names the verified name of a peer id (from signaling), or null when unknown */
    public PublishResolver(String localName, List<PeerConfig.Publish> published, Function<PeerId, String> names) {
        this.localName = localName;
        this.published = published.stream().collect(Collectors.toUnmodifiableMap(PeerConfig.Publish::name, p -> p));
        this.names = names;
    }

    @Override
    public Resolution resolve(PeerId remote, String resource) {
        String name = names.apply(remote);
        PeerConfig.Publish p = published.get(resource);
        if (p == null) {
            log.info("peer {}: refused {}/{} to {} ({}): no such resource", localName, localName, resource,
                    name, remote.shortForm());
            return Resolution.refuse(OpenError.NOT_FOUND_OR_DENIED);
        }
        if (!allowed(p.allow(), name, remote)) {
            log.info("peer {}: refused {}/{} to {} ({}): not in its allow list", localName, localName, resource,
                    name, remote.shortForm());
            return Resolution.refuse(OpenError.NOT_FOUND_OR_DENIED);
        }
        return Resolution.target(p.target());
    }

    static boolean allowed(List<String> allow, String name, PeerId id) {
        for (String a : allow) {
            if (a.equals("*") || a.equals(id.value()) || (name != null && a.equals(name))) {
                return true;
            }
        }
        return false;
    }
}
