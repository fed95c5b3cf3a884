package dev.monoscale.a2a;

import dev.monoscale.cards.Values;
import dev.monoscale.core.InvalidInputException;
import java.net.http.HttpClient;
import java.util.Optional;

/**
 * Builds {@link A2aWorker}s: the one entry point for turning an A2A agent into a pool worker.
 *
 * <pre>{@code
 * A2aClientConfig config = A2aClientConfig.defaults().withToken("BILLING_TOKEN", System::getenv);
 * A2aAgent agent = new A2aDiscovery(config).discover("http://billing.internal:8080");   // or a card file
 * Worker worker = new ResilientWorkers(ResilienceConfig.defaults()).protect(A2aWorkers.connect(agent, config));
 * }</pre>
 */
public final class A2aWorkers {

    private A2aWorkers() {}

    /**
     * A worker that calls {@code agent} with the first protocol of {@code config.protocols()} its card offers. When
     * the card asks for a credential and the configured variable is unset, the worker is still made (the round
     * records every call as rejected, naming the variable), so one misconfigured agent cannot stop a round.
     *
     * @throws InvalidInputException if the card offers none of the configured protocols
     */
    public static A2aWorker connect(A2aAgent agent, A2aClientConfig config) {
        return connect(agent, config, httpClient(config));
    }

    /** Same as {@link #connect(A2aAgent, A2aClientConfig)} over a given HTTP client. */
    public static A2aWorker connect(A2aAgent agent, A2aClientConfig config, HttpClient http) {
        A2aAgent.Target target = agent.target(config.protocols())
                .orElseThrow(() -> new InvalidInputException(
                        agent.source(),
                        "supportedInterfaces",
                        agent.card().endpoints().stream()
                                .map(e -> e.binding() + " " + e.protocolVersion())
                                .toList()
                                .toString(),
                        "an interface MonoScale speaks: one of " + config.protocols()));
        A2aSecurity security = agent.security();
        String missing = "";
        Optional<String[]> credential = Optional.empty();
        if (security.kind() != A2aSecurity.Kind.NONE) {
            String kind = security.kind() == A2aSecurity.Kind.BEARER ? "bearer token" : "API key";
            Optional<String> value = config.tokenVariable()
                    .map(config.environment())
                    .filter(v -> !v.isBlank())
                    .map(security::headerValue);
            String unsendable =
                    value.map(v -> A2aClient.unsendable(security.header(), v)).orElse("");
            if (!unsendable.isEmpty()) {
                missing =
                        "the card of '%s' asks for a %s credential (scheme '%s') in header %s, but it cannot be sent from %s: %s"
                                .formatted(
                                        agent.card().id(),
                                        kind,
                                        security.scheme(),
                                        Values.oneLine(security.header()),
                                        config.tokenVariable().orElseThrow(),
                                        unsendable);
            } else if (value.isPresent()) {
                credential = Optional.of(new String[] {security.header(), value.get()});
            } else {
                missing = "the card of '%s' asks for a %s credential (scheme '%s'), but %s"
                        .formatted(
                                agent.card().id(),
                                kind,
                                security.scheme(),
                                config.tokenVariable()
                                        .map(v -> "the environment variable " + v + " is not set")
                                        .orElse("no token variable is configured"));
            }
        }
        return new A2aWorker(agent.card().id(), new A2aClient(http, target, credential), config, missing);
    }

    /** Discovers the agent at {@code where} (a base URL, a card URL or a card file) and connects to it. */
    public static A2aWorker connect(String where, A2aClientConfig config) {
        HttpClient http = httpClient(config);
        return connect(new A2aDiscovery(http, config.requestTimeout()).discover(where), config, http);
    }

    /** An HTTP client with the configuration's connect timeout. */
    static HttpClient httpClient(A2aClientConfig config) {
        return HttpClient.newBuilder().connectTimeout(config.requestTimeout()).build();
    }
}
