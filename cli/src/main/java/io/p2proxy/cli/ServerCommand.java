package io.p2proxy.cli;

import io.p2proxy.config.ConfigException;
import io.p2proxy.config.ConfigLoader;
import io.p2proxy.config.ServerConfig;
import io.p2proxy.config.ServerFlags;
import io.p2proxy.rendezvous.RendezvousServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code p2proxy server [-c server.toml] [flags]}: the rendezvous server. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the rendezvous server (signaling, STUN, relay) until SIGINT/SIGTERM. Flags override the file.")
final class ServerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "server.toml")
    Path config;
    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "signaling and relay, TCP (default 0.0.0.0:8443)")
    String listen;
    @Option(names = "--stun", paramLabel = "HOST:PORT", description = "UDP STUN address; give twice for a second port (default 0.0.0.0:3478)")
    List<String> stun;
    @Option(names = "--public-address", paramLabel = "HOST", description = "address advertised for STUN/relay")
    String publicAddress;
    @Option(names = "--token", paramLabel = "SECRET", description = "the network token peers must present")
    String token;
    @Option(names = "--admin", paramLabel = "HOST:PORT|off", description = "admin endpoint (default 127.0.0.1:7071)")
    String admin;
    @Option(names = "--relay", paramLabel = "true|false", description = "relay peer traffic when UDP fails (default true)")
    String relay;
    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve wss://")
    String tlsCert;
    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key for --tls-cert")
    String tlsKey;

    @Override
    public Integer call() {
        ServerConfig cfg;
        try {
            cfg = ConfigLoader.server(config, new ServerFlags(listen, stun, publicAddress, token, admin, relay, tlsCert, tlsKey));
        } catch (ConfigException e) {
            throw new ExitException(Main.USAGE, e.getMessage());
        }
        RendezvousServer server;
        try {
            server = RendezvousServer.start(cfg);
        } catch (Exception e) {
            throw new ExitException(Main.FAILURE, "server: " + e.getMessage());
        }
        return UntilStopped.run(server, new CompletableFuture<>(), log, "server");
    }
}
