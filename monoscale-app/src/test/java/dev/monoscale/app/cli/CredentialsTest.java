package dev.monoscale.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.monoscale.a2a.A2aAgent;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.core.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --token-env is checked against what the agent's card asks for before any call, not discovered from failed calls. */
class CredentialsTest {

    private static final String PLAIN = """
            {"name": "Echo", "description": "echoes", "url": "http://127.0.0.1:1", "skills": []}""";
    private static final String BEARER = """
            {"name": "Payroll", "description": "pays", "url": "http://127.0.0.1:1", "skills": [],
             "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}, "security": [{"bearer": []}]}""";

    private final StringWriter err = new StringWriter();

    private static A2aAgent agent(String json) throws Exception {
        JsonNode node = new ObjectMapper().readTree(json);
        return A2aAgent.of(A2aCards.parse(json, "card.json"), node, "card.json");
    }

    @Test
    void a_card_that_asks_for_a_token_without_token_env_is_one_line_naming_the_scheme() throws Exception {
        A2aAgent payroll = agent(BEARER);

        assertThatThrownBy(() -> Credentials.check(null, payroll, Map.<String, String>of()::get, new PrintWriter(err)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "--token-env: token-env = (missing); allowed: the environment variable holding the bearer token the card of "
                                + "'payroll' asks for (scheme 'bearer')");
    }

    @Test
    void a_token_variable_that_is_not_set_is_refused_when_the_card_asks_for_a_token() throws Exception {
        A2aAgent payroll = agent(BEARER);

        assertThatThrownBy(() -> Credentials.check(
                        "PAYROLL_TOKEN", payroll, Map.<String, String>of()::get, new PrintWriter(err)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("--token-env: token-env = 'PAYROLL_TOKEN' (not set in the environment)");
    }

    @Test
    void an_unset_token_variable_for_a_card_that_asks_for_nothing_is_a_warning_not_an_error() throws Exception {
        Credentials.check("ECHO_TOKEN", agent(PLAIN), Map.<String, String>of()::get, new PrintWriter(err, true));

        assertThat(err.toString())
                .isEqualTo("monoscale: warning: --token-env ECHO_TOKEN is not set; the card of 'echo' asks for no "
                        + "credential, so none is sent\n");
    }

    @Test
    void a_set_token_for_a_card_that_asks_for_one_passes_silently() throws Exception {
        Credentials.check(
                "PAYROLL_TOKEN", agent(BEARER), Map.of("PAYROLL_TOKEN", "s3cret")::get, new PrintWriter(err, true));

        assertThat(err.toString()).isEmpty();
    }
}
