package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.cards.Values;
import dev.monoscale.core.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds an agent's card: in a file, at a card URL, or under an agent's base URL at
 * {@code /.well-known/agent-card.json} and then the older {@code /.well-known/agent.json}.
 *
 * <p>A URL whose path ends in {@code .json} is the card itself; any other URL is a base URL. The card is asked
 * for with {@code A2A-Version: 1.0}, so agents that serve both forms serve the 1.0 one, which lists every
 * interface. Every problem (an unreachable host, a status other than 200, a body that is not JSON, a card without
 * a required field) is an {@link InvalidInputException} whose one-line message names the URL and the field.
 */
public final class A2aDiscovery {

    /** The card path of A2A 0.3 and 1.0. */
    public static final String CARD_PATH = "/.well-known/agent-card.json";
    /** The card path of A2A 0.2. */
    public static final String OLD_CARD_PATH = "/.well-known/agent.json";

    private final HttpClient http;
    private final Duration timeout;

    public A2aDiscovery(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    public A2aDiscovery(A2aClientConfig config) {
        this(A2aWorkers.httpClient(config), config.requestTimeout());
    }

    /** Whether {@code where} is an http(s) URL rather than a file name. */
    public static boolean isUrl(String where) {
        String lower = where.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** The card at {@code where}: an http(s) URL (a card URL or an agent's base URL) or a file. */
    public A2aAgent discover(String where) {
        return isUrl(where) ? fetch(where.strip()) : read(Path.of(where));
    }

    /** The card in a file; its endpoints are used as written. */
    public static A2aAgent read(Path file) {
        JsonNode json = A2aCards.readTree(file);
        return A2aAgent.of(A2aCards.parse(json, file.toString(), ""), json, file.toString());
    }

    /** The card at a card URL or under a base URL. */
    private A2aAgent fetch(String url) {
        URI uri = uri(url);
        List<URI> candidates = new ArrayList<>();
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.toLowerCase(Locale.ROOT).endsWith(".json")) {
            candidates.add(uri);
        } else {
            String base = url.replaceAll("/+$", "");
            candidates.add(URI.create(base + CARD_PATH));
            candidates.add(URI.create(base + OLD_CARD_PATH));
        }
        List<String> misses = new ArrayList<>();
        for (URI candidate : candidates) {
            HttpResponse<String> response = get(url, candidate);
            if (response.statusCode() == 200) {
                String source = candidate.toString();
                JsonNode json = A2aCards.tree(response.body(), source);
                return A2aAgent.of(A2aCards.parse(json, source, ""), json, source);
            }
            misses.add("%s: HTTP %d".formatted(candidate.getPath(), response.statusCode()));
        }
        throw new InvalidInputException(
                url,
                "(agent card)",
                String.join(", ", misses),
                "an agent card served with HTTP 200 at the URL or under it at " + CARD_PATH + " or " + OLD_CARD_PATH);
    }

    private HttpResponse<String> get(String url, URI candidate) {
        HttpRequest request = HttpRequest.newBuilder(candidate)
                .timeout(timeout)
                .header("A2A-Version", "1.0")
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return A2aHttp.send(http, request, A2aHttp.MAX_CARD_BYTES);
        } catch (HttpTimeoutException e) {
            throw A2aCards.withCause(
                    new InvalidInputException(
                            url,
                            "(connection)",
                            "no answer within %d ms".formatted(timeout.toMillis()),
                            "a reachable A2A agent"),
                    e);
        } catch (A2aHttp.TooLarge e) {
            throw A2aCards.withCause(
                    new InvalidInputException(
                            candidate.toString(),
                            "(agent card)",
                            "larger than %d bytes".formatted(A2aHttp.MAX_CARD_BYTES),
                            "an agent card of at most %d bytes".formatted(A2aHttp.MAX_CARD_BYTES)),
                    e);
        } catch (IOException e) {
            throw A2aCards.withCause(
                    new InvalidInputException(
                            url,
                            "(connection)",
                            "unreachable (%s)"
                                    .formatted(Values.oneLine(e.getClass().getSimpleName()
                                            + (e.getMessage() == null ? "" : ": " + e.getMessage()))),
                            "a reachable A2A agent"),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching the card at " + candidate, e);
        }
    }

    private static URI uri(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                throw new InvalidInputException(
                        url, "(url)", Values.quote(url), "an absolute http or https URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw A2aCards.withCause(
                    new InvalidInputException(url, "(url)", Values.quote(url), "an absolute http or https URL"), e);
        }
    }
}
