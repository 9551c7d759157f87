package io.p2proxy.cli;

import io.p2proxy.common.IdentityException;
import io.p2proxy.config.ConfigException;
import io.p2proxy.config.ConfigLoader;
import io.p2proxy.config.PeerConfig;
import io.p2proxy.config.PeerFlags;
import io.p2proxy.node.P2Proxy;
import io.p2proxy.node.Peer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code p2proxy peer [-c peer.toml] [flags]}: runs a peer until SIGINT/SIGTERM. */
@Command(name = "peer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a peer until SIGINT/SIGTERM, then closes everything cleanly. Flags override the file.")
final class PeerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(PeerCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "peer.toml")
    Path config;
    @Option(names = "--name", paramLabel = "NAME", description = "this peer's name")
    String name;
    @Option(names = "--server", paramLabel = "URL", description = "ws://HOST:PORT or wss://HOST:PORT")
    String server;
    @Option(names = "--token", paramLabel = "SECRET", description = "the network token")
    String token;
    @Option(names = "--key", paramLabel = "FILE", description = "identity key (created on first start)")
    String key;
    @Option(names = "--admin", paramLabel = "HOST:PORT|off", description = "admin endpoint (default 127.0.0.1:7070)")
    String admin;
    @Option(names = "--linger", paramLabel = "DURATION", description = "idle session linger (default 30s)")
    String linger;
    @Option(names = "--publish", paramLabel = "NAME=HOST:PORT", description = "publish a resource (repeatable)")
    List<String> publish;
    @Option(names = "--allow", paramLabel = "PEER", description = "peer allowed to use --publish resources (repeatable; * = all)")
    List<String> allow;
    @Option(names = "--forward", paramLabel = "LISTEN=PEER/RESOURCE", description = "port forward, like ssh -L (repeatable)")
    List<String> forward;
    @Option(names = "--socks", paramLabel = "HOST:PORT", description = "SOCKS5 listener")
    String socks;
    @Option(names = "--http", paramLabel = "HOST:PORT", description = "HTTP proxy listener")
    String http;
    @Option(names = "--rtsp", paramLabel = "HOST:PORT", description = "RTSP listener")
    String rtsp;
    @Option(names = "--stun", paramLabel = "HOST:PORT", description = "STUN server instead of the rendezvous server's (repeatable)")
    List<String> stun;

    @Override
    public Integer call() {
        PeerConfig cfg;
        try {
            cfg = ConfigLoader.peer(config, new PeerFlags(name, server, token, key, admin, linger, publish, allow,
                    forward, socks, http, rtsp, stun));
        } catch (ConfigException e) {
            throw new ExitException(Main.USAGE, e.getMessage());
        }
        Peer peer;
        try {
            peer = P2Proxy.peer(cfg).start();
        } catch (IdentityException e) {
            throw new ExitException(Main.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new ExitException(Main.FAILURE, e.getMessage());
        }
        return UntilStopped.run(peer, peer.failure(), log, "peer " + cfg.name());
    }
}
