package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.monoscale.core.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding a card by URL: both well-known paths, and one clear line for every way it can go wrong. */
class A2aDiscoveryTest {

    private static final String V03_CARD = """
            {"name": "Old Agent", "description": "d", "protocolVersion": "0.3.0", "url": "http://127.0.0.1:1/rpc",
             "skills": [{"id": "s", "name": "S", "description": "does s"}],
             "securitySchemes": {"key": {"type": "apiKey", "in": "header", "name": "X-API-Key"}}}""";

    private HttpServer server;
    private String base;
    private final Map<String, String[]> routes = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String[] route = routes.getOrDefault(exchange.getRequestURI().getPath(), new String[] {"404", "not found"});
            byte[] body = route[1].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(Integer.parseInt(route[0]), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private A2aAgent discover(String url) {
        return new A2aDiscovery(A2aClientConfig.defaults().withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60)))
                .discover(url);
    }

    private InvalidInputException failure(String url) {
        return catchThrowableOfType(InvalidInputException.class, () -> discover(url));
    }

    @Test
    void fallsBackToTheOldWellKnownPath() {
        routes.put("/.well-known/agent.json", new String[] {"200", V03_CARD});

        A2aAgent agent = discover(base + "/");

        assertThat(agent.card().name()).isEqualTo("Old Agent");
        assertThat(agent.source()).isEqualTo(base + "/.well-known/agent.json");
        assertThat(agent.security()).isEqualTo(new A2aSecurity(A2aSecurity.Kind.API_KEY, "X-API-Key", "key"));
    }

    @Test
    void aUrlEndingInJsonIsTheCardItself() {
        routes.put("/cards/old.json", new String[] {"200", V03_CARD});

        assertThat(discover(base + "/cards/old.json").card().name()).isEqualTo("Old Agent");
    }

    @Test
    void noCardAtEitherPathNamesBothAndTheStatus() {
        assertThat(failure(base).getMessage())
                .isEqualTo(base + ": (agent card) = /.well-known/agent-card.json: HTTP 404, "
                        + "/.well-known/agent.json: HTTP 404; allowed: an agent card served with HTTP 200 at the URL or under it at "
                        + "/.well-known/agent-card.json or /.well-known/agent.json");
    }

    @Test
    void aBodyThatIsNotJsonNamesTheUrlAndThePosition() {
        routes.put("/.well-known/agent-card.json", new String[] {"200", "<html>hello</html>"});

        assertThat(failure(base).getMessage())
                .startsWith(base + "/.well-known/agent-card.json: line 1, column 1 = not JSON: ")
                .endsWith("allowed: one JSON object (an A2A agent card)");
    }

    @Test
    void aCardWithoutANameNamesTheUrlAndTheField() {
        routes.put(
                "/.well-known/agent-card.json", new String[] {"200", V03_CARD.replace("\"name\": \"Old Agent\",", "")});

        assertThat(failure(base).getMessage())
                .isEqualTo(base + "/.well-known/agent-card.json: name = (missing); allowed: a non-blank string");
    }

    @Test
    void anUnreachableHostIsOneLineNamingTheUrl() {
        String closed = base;
        server.stop(0);

        InvalidInputException error = failure(closed);

        assertThat(error.getMessage())
                .startsWith(closed + ": (connection) = unreachable (")
                .doesNotContain("\n");
    }

    @Test
    void aUrlWithoutAHostIsRefused() {
        assertThat(failure("http:///nohost").getMessage())
                .isEqualTo(
                        "http:///nohost: (url) = 'http:///nohost'; allowed: an absolute http or https URL with a host");
    }
}
