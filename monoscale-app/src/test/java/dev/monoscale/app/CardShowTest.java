package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.monoscale.testing.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code card show} on every real card of the {@code agent-cards} fixture, from the file and from a URL: each shows,
 * or names its defect in one line.
 */
class CardShowTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cardFiles")
    void every_card_of_the_fixture_shows_or_names_its_defect(String name) {
        Path file = cardsDir().resolve(name);

        Cli cli = Cli.run("card", "show", file.toString());

        if (cli.exit() == 0) {
            assertThat(cli.out()).contains("source:      " + file, "id:          ", "skills:      ");
            assertThat(cli.err()).isEmpty();
        } else {
            assertThat(cli.exit()).isEqualTo(2);
            assertThat(cli.err()).startsWith("monoscale: " + file + ": ");
            assertThat(cli.err().strip().lines()).hasSize(1);
        }
    }

    @Test
    void seventeen_of_the_18_show_and_the_card_whose_url_is_a_template_names_its_defect() {
        List<String> refused = cardFiles().stream()
                .filter(name -> Cli.run("card", "show", cardsDir().resolve(name).toString())
                                .exit()
                        != 0)
                .toList();

        assertThat(cardFiles()).hasSize(18);
        assertThat(refused).containsExactly("monoscale__url_template_agent.json");
    }

    @Test
    void a_card_served_at_an_agents_base_url_shows_with_its_security() throws IOException {
        byte[] body = Files.readAllBytes(cardsDir().resolve("A2A__recipe_agent_full.json"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/agent-card.json", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            Cli cli = Cli.run("card", "show", base);

            assertThat(cli.exit()).isZero();
            assertThat(cli.out())
                    .contains(
                            "source:      " + base + "/.well-known/agent-card.json",
                            "name:        Recipe Agent",
                            "security:    bearer token (scheme 'bearerAuth')");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void an_unreachable_url_is_one_line_naming_it() {
        Cli cli = Cli.run("card", "show", "http://127.0.0.1:1");

        assertThat(cli.exit()).isEqualTo(2);
        assertThat(cli.err()).startsWith("monoscale: http://127.0.0.1:1: (connection) = unreachable (");
        assertThat(cli.err().strip().lines()).hasSize(1);
    }

    static List<String> cardFiles() {
        return TestData.fileNames(cardsDir(), ".json");
    }

    static Path cardsDir() {
        return TestData.fixture("agent-cards");
    }
}
