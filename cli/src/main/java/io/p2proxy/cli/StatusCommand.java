package io.p2proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p2proxy.common.HostPort;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code p2proxy status [--admin HOST:PORT] [--json]}: a running peer's or server's state. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints the state of a running peer (or server) from its admin endpoint.")
final class StatusCommand implements Callable<Integer> {

    @Option(names = "--admin", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:7070",
            description = "admin address of the peer or server (default: ${DEFAULT-VALUE}; a server's default is 127.0.0.1:7071)")
    String admin;

    @Option(names = "--json", description = "print the raw JSON")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        HostPort address;
        try {
            address = HostPort.parse(admin);
        } catch (IllegalArgumentException e) {
            throw new ExitException(Main.USAGE, "--admin: " + e.getMessage());
        }
        String body = fetch(address);
        if (json) {
            System.out.println(body);
            return Main.OK;
        }
        try {
            JsonNode status = new ObjectMapper().readTree(body);
            System.out.print(StatusFormat.text(status));
            return Main.OK;
        } catch (IOException e) {
            throw new ExitException(Main.FAILURE, "http://" + address + "/status answered something that is not JSON");
        }
    }

    private static String fetch(HostPort address) throws InterruptedException {
        URI uri = URI.create("http://" + address + "/status");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new ExitException(Main.FAILURE, uri + " answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (ConnectException e) {
            throw new ExitException(Main.FAILURE, "nothing answers at " + address
                    + " (is the peer running? its admin address is set by 'admin' or --admin)");
        } catch (IOException e) {
            throw new ExitException(Main.FAILURE, uri + ": " + e.getMessage());
        }
    }
}
