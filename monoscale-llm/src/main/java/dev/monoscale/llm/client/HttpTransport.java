package dev.monoscale.llm.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * One attempt over HTTP: posts a request body to {@code baseUrl + /chat/completions} with the endpoint's key and
 * request timeout, and hands the answer's status, headers and body to a reader while a {@link Watchdog} guards
 * every silence in the body. Failures to connect or to get headers in time are left to the caller as
 * {@link IOException}s; {@link Failures#transport} says what they mean.
 */
final class HttpTransport {

    /** Reads one answer: its status and headers, and its body as it arrives. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(int status, HttpHeaders headers, InputStream body) throws IOException;
    }

    private final EndpointSettings settings;
    private final HttpClient http;
    private final URI completions;

    HttpTransport(EndpointSettings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
        this.completions = URI.create(settings.root() + "/chat/completions");
    }

    /** @param accept {@code application/json}, or {@code text/event-stream} for a streamed answer */
    <T> T exchange(ChatRequest request, byte[] body, String accept, AnswerReader<T> reader)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(post(body, accept), HttpResponse.BodyHandlers.ofInputStream());
        try (Watchdog watchdog = new Watchdog(response.body(), settings.requestTimeout(), settings.root())) {
            return watchdog.read(request, in -> reader.read(response.statusCode(), response.headers(), in));
        }
    }

    private HttpRequest post(byte[] body, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(completions)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }
}
