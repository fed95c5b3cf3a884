package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.Endpoint;
import java.util.List;
import java.util.Optional;

/**
 * An A2A agent as discovered: the card the router sees, plus what a client needs to call the agent and what the
 * core card has no place for.
 *
 * @param card the card as the router sees it
 * @param source the file or URL the card was read from
 * @param security the credential the card asks for
 * @param streaming whether the card says the agent streams ({@code capabilities.streaming})
 */
public record A2aAgent(AgentCard card, String source, A2aSecurity security, boolean streaming) {

    /** Reads the agent-level facts of an already parsed card's JSON. */
    public static A2aAgent of(AgentCard card, JsonNode json, String source) {
        return new A2aAgent(
                card,
                source,
                A2aSecurity.of(json),
                json.path("capabilities").path("streaming").asBoolean(false));
    }

    /**
     * The endpoint to call: the first protocol of {@code preference} that some endpoint of the card speaks, and the
     * first such endpoint in card order.
     */
    public Optional<Target> target(List<A2aProtocol> preference) {
        for (A2aProtocol wanted : preference) {
            for (Endpoint endpoint : card.endpoints()) {
                if (A2aProtocol.of(endpoint).filter(wanted::equals).isPresent()) {
                    return Optional.of(new Target(endpoint, wanted));
                }
            }
        }
        return Optional.empty();
    }

    /** An endpoint and the protocol used on it. */
    public record Target(Endpoint endpoint, A2aProtocol protocol) {}
}
