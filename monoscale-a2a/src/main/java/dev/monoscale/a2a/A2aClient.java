package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.cards.Values;
import dev.monoscale.core.FailureKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends text messages to one endpoint of an A2A agent and reads tasks back, over JSON-RPC or HTTP+JSON at protocol
 * 1.0 or 0.3 (see {@link A2aProtocol} and {@link A2aWire} for the shapes). Every request carries
 * {@code A2A-Version}, {@code Content-Type: application/json} and, when the card asks for one, the credential.
 * Thread-safe.
 */
final class A2aClient {

    private final HttpClient http;
    private final A2aAgent.Target target;
    private final Optional<String[]> credential;
    private final AtomicLong ids = new AtomicLong();

    /**
     * @param credential the header name and value to send with every request, if any
     */
    public A2aClient(HttpClient http, A2aAgent.Target target, Optional<String[]> credential) {
        this.http = http;
        this.target = target;
        this.credential = credential;
    }

    /**
     * Sends {@code text} as a new user message.
     *
     * @param blocking whether to ask the agent to answer only once the task is done
     * @param timeout the deadline of the request
     */
    public A2aOutcome send(String text, boolean blocking, Duration timeout) throws A2aCallException {
        A2aProtocol protocol = target.protocol();
        JsonNode params = A2aWire.sendParams(protocol, UUID.randomUUID().toString(), text, blocking);
        if (protocol.isRest()) {
            return outcome(post(restUrl("message:send"), params.toString(), timeout));
        }
        return outcome(rpc(A2aWire.sendMethod(protocol), params, timeout));
    }

    /** Reads the task {@code id}. */
    public A2aOutcome getTask(String id, Duration timeout) throws A2aCallException {
        A2aProtocol protocol = target.protocol();
        if (protocol.isRest()) {
            URI uri = restUrl("tasks/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
            return outcome(exchange(builder(uri, timeout).GET().build()));
        }
        return outcome(rpc(
                A2aWire.getTaskMethod(protocol),
                A2aWire.MAPPER.createObjectNode().put("id", id),
                timeout));
    }

    private JsonNode rpc(String method, JsonNode params, Duration timeout) throws A2aCallException {
        long id = ids.incrementAndGet();
        JsonNode response = post(
                target.endpoint().url(), A2aWire.request(id, method, params).toString(), timeout);
        JsonNode error = response.path("error");
        if (error.isObject()) {
            int code = error.path("code").asInt();
            FailureKind kind = code == -32602 || code == -32005 || code == -32009 || code == -32601 || code == -32600
                    ? FailureKind.REJECTED
                    : FailureKind.ERROR;
            throw new A2aCallException(
                    kind,
                    "%s answered %s with error %d: %s"
                            .formatted(
                                    where(),
                                    method,
                                    code,
                                    Values.oneLine(error.path("message").asText(""))));
        }
        if (!response.path("id").asText().equals(Long.toString(id))) {
            throw new A2aCallException(
                    FailureKind.ERROR,
                    "%s answered request %d with the id %s".formatted(where(), id, response.path("id")));
        }
        if (!response.has("result")) {
            throw new A2aCallException(FailureKind.ERROR, "%s answered %s without a result".formatted(where(), method));
        }
        return response.path("result");
    }

    private A2aOutcome outcome(JsonNode result) throws A2aCallException {
        try {
            return A2aWire.outcome(result);
        } catch (IllegalArgumentException e) {
            throw new A2aCallException(
                    FailureKind.ERROR, "%s gave an unusable answer: %s".formatted(where(), e.getMessage()), e);
        }
    }

    private URI restUrl(String path) {
        String base = target.endpoint().url().toString().replaceAll("/+$", "");
        return URI.create(base + (target.protocol() == A2aProtocol.REST_0_3 ? "/v1/" : "/") + path);
    }

    private JsonNode post(URI uri, String body, Duration timeout) throws A2aCallException {
        return exchange(builder(uri, timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    private HttpRequest.Builder builder(URI uri, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("A2A-Version", target.protocol().version())
                .header("Accept", "application/json, application/a2a+json");
        credential.ifPresent(header -> builder.header(header[0], header[1]));
        return builder;
    }

    /**
     * Why {@code name: value} cannot be sent as an HTTP header, or empty if it can. The value is never quoted, since
     * it is a credential.
     */
    static String unsendable(String name, String value) {
        try {
            HttpRequest.newBuilder().header(name, "x");
        } catch (IllegalArgumentException e) {
            return "'%s' is not a header name an HTTP client may send".formatted(Values.oneLine(name));
        }
        try {
            HttpRequest.newBuilder().header(name, value);
        } catch (IllegalArgumentException e) {
            return "the value is not a valid HTTP header value (a line break or another control character?)";
        }
        return "";
    }

    private JsonNode exchange(HttpRequest request) throws A2aCallException {
        HttpResponse<String> response;
        try {
            response = A2aHttp.send(http, request, A2aHttp.MAX_REPLY_BYTES);
        } catch (HttpTimeoutException e) {
            throw new A2aCallException(
                    FailureKind.TIMEOUT,
                    "%s did not answer within %d ms"
                            .formatted(
                                    where(),
                                    request.timeout().map(Duration::toMillis).orElse(0L)),
                    e);
        } catch (ConnectException e) {
            throw new A2aCallException(FailureKind.UNAVAILABLE, "%s is unreachable: %s".formatted(where(), e), e);
        } catch (A2aHttp.TooLarge e) {
            throw new A2aCallException(FailureKind.ERROR, "%s: %s".formatted(where(), e.getMessage()), e);
        } catch (IOException e) {
            throw new A2aCallException(FailureKind.UNAVAILABLE, "%s: %s".formatted(where(), e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new A2aCallException(FailureKind.TIMEOUT, "%s: the call was interrupted".formatted(where()), e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new A2aCallException(
                    FailureKind.REJECTED, "%s refused the credentials (HTTP %d)".formatted(where(), status));
        }
        if (status == 502 || status == 503 || status == 504) {
            throw new A2aCallException(
                    FailureKind.UNAVAILABLE, "%s is unavailable (HTTP %d)".formatted(where(), status));
        }
        JsonNode body;
        try {
            body = A2aWire.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new A2aCallException(
                    FailureKind.ERROR,
                    "%s answered HTTP %d with a body that is not JSON: %s"
                            .formatted(where(), status, Values.oneLine(A2aWire.abbreviate(response.body()))),
                    e);
        }
        if (status >= 400
                && !(status == 500 && body.has("error") && !target.protocol().isRest())) {
            String message = body.path("error")
                    .path("message")
                    .asText(body.path("message").asText(A2aWire.abbreviate(response.body())));
            throw new A2aCallException(
                    status >= 500 ? FailureKind.ERROR : FailureKind.REJECTED,
                    "%s answered HTTP %d: %s".formatted(where(), status, Values.oneLine(message)));
        }
        return body;
    }

    private String where() {
        return "A2A agent at %s (%s)".formatted(target.endpoint().url(), target.protocol());
    }
}
