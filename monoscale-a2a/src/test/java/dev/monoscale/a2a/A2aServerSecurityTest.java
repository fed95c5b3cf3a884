package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may use the server: with a token only its holders, and never a page on another site or another host name. */
class A2aServerSecurityTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SEND = A2aWire.request(
                    1, "message/send", A2aWire.sendParams(A2aProtocol.JSONRPC_0_3, "m-1", "hello", true))
            .toString();

    private static A2aServer guarded() {
        return A2aServer.builder(new Shouter())
                .token(BearerToken.of("s3cret-token"))
                .start();
    }

    private static HttpResponse<String> post(A2aServer server, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/a2a/jsonrpc"))
                .POST(HttpRequest.BodyPublishers.ofString(SEND));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code head} (request line and headers, no blank line) with {@link #SEND} as the body; the raw answer. */
    private static String raw(A2aServer server, String head) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            byte[] body = SEND.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream()
                    .write((head + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withATokenMessageSendAnswers401WithoutItAndWorksWithIt() throws Exception {
        try (A2aServer server = guarded()) {
            HttpResponse<String> none = post(server, Map.of("Content-Type", "application/json"));
            HttpResponse<String> wrong =
                    post(server, Map.of("Content-Type", "application/json", "Authorization", "Bearer guess"));
            HttpResponse<String> right =
                    post(server, Map.of("Content-Type", "application/json", "Authorization", "Bearer s3cret-token"));

            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"monoscale\"");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("guess").doesNotContain("s3cret");
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(A2aWire.MAPPER
                            .readTree(right.body())
                            .path("result")
                            .path("status")
                            .path("state")
                            .asText())
                    .isEqualTo("completed");
            assertThat(server.taskCount()).isOne();
        }
    }

    @Test
    void withATokenTheCardAnswersWithoutItAndDeclaresABearerScheme() throws Exception {
        try (A2aServer server = guarded()) {
            HttpResponse<String> v03 = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/.well-known/agent-card.json"))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> v10 = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/.well-known/agent-card.json"))
                            .header("A2A-Version", "1.0")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(v03.statusCode()).isEqualTo(200);
            JsonNode card03 = A2aWire.MAPPER.readTree(v03.body());
            assertThat(card03.path("securitySchemes")
                            .path("bearer")
                            .path("scheme")
                            .asText())
                    .isEqualTo("bearer");
            assertThat(card03.path("security").get(0).has("bearer")).isTrue();
            JsonNode card10 = A2aWire.MAPPER.readTree(v10.body());
            assertThat(card10.path("securitySchemes")
                            .path("bearer")
                            .path("httpAuthSecurityScheme")
                            .path("scheme")
                            .asText())
                    .isEqualTo("Bearer");
            assertThat(A2aSecurity.of(card03).kind()).isEqualTo(A2aSecurity.Kind.BEARER);
            assertThat(A2aSecurity.of(card10).kind()).isEqualTo(A2aSecurity.Kind.BEARER);
        }
    }

    @Test
    void aClientGivenTheTokenCallsTheGuardedServerAsAWorker() throws Exception {
        try (A2aServer server = guarded()) {
            A2aClientConfig config = A2aClientConfig.defaults().withToken("PEER_TOKEN", name -> "s3cret-token");
            A2aAgent agent = new A2aDiscovery(config).discover(server.url());
            WorkerReply reply =
                    A2aWorkers.connect(agent, config).call(new WorkerCall(TaskId.of("t-1"), 0, "hello", List.of(), 0));

            assertThat(agent.security().kind()).isEqualTo(A2aSecurity.Kind.BEARER);
            assertThat(reply)
                    .isInstanceOfSatisfying(
                            WorkerReply.Answered.class,
                            answered -> assertThat(answered.content()).isEqualTo("ANSWER: HELLO"));
        }
    }

    @Test
    void aRequestNamingAnotherHostRunsNoTask() throws Exception {
        try (A2aServer server = A2aServer.builder(new Shouter()).start()) {
            String answer =
                    raw(server, "POST /a2a/jsonrpc HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json");

            assertThat(answer).startsWith("HTTP/1.1 421");
            assertThat(server.taskCount()).isZero();
        }
    }

    @Test
    void aCrossSiteTextPlainPostRunsNoTask() throws Exception {
        try (A2aServer server = A2aServer.builder(new Shouter()).start()) {
            String host = "Host: 127.0.0.1:" + server.port();
            String crossSite = raw(
                    server,
                    "POST /a2a/jsonrpc HTTP/1.1\r\n" + host
                            + "\r\nOrigin: https://attacker.example\r\nContent-Type: text/plain");
            String fetchMetadataOnly = raw(
                    server,
                    "POST /a2a/jsonrpc HTTP/1.1\r\n" + host
                            + "\r\nSec-Fetch-Site: cross-site\r\nContent-Type: application/json");
            String plainText = raw(server, "POST /a2a/jsonrpc HTTP/1.1\r\n" + host + "\r\nContent-Type: text/plain");
            String sameOrigin = raw(
                    server,
                    "POST /a2a/jsonrpc HTTP/1.1\r\n" + host + "\r\nOrigin: http://127.0.0.1:" + server.port()
                            + "\r\nContent-Type: application/json");

            assertThat(crossSite).startsWith("HTTP/1.1 403").doesNotContainIgnoringCase("Access-Control-Allow-Origin");
            assertThat(fetchMetadataOnly).startsWith("HTTP/1.1 403");
            assertThat(plainText).startsWith("HTTP/1.1 415");
            assertThat(sameOrigin).startsWith("HTTP/1.1 200");
            assertThat(server.taskCount()).isOne();
        }
    }

    @Test
    void answersACorsPreflightWithoutAllowingAnything() throws Exception {
        try (A2aServer server = A2aServer.builder(new Shouter()).start()) {
            HttpResponse<String> preflight = HTTP.send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/a2a/jsonrpc"))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .header("Origin", "https://attacker.example")
                            .header("Access-Control-Request-Method", "POST")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(preflight.statusCode()).isGreaterThanOrEqualTo(400);
            assertThat(preflight.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"));
        }
    }

    @Test
    void refusesToBindAnAddressBeyondLoopbackWithoutAToken() {
        assertThatThrownBy(() ->
                        A2aServer.builder(new Shouter()).bind("0.0.0.0", 0).start())
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("--host: host = '0.0.0.0'; allowed: a loopback address (127.0.0.1, ::1, localhost), "
                        + "or any address with a token (--auth-token-env)");
    }

    @Test
    void aTokenNeverShowsItself() {
        assertThat(BearerToken.of("s3cret-token")).hasToString("BearerToken[redacted]");
        assertThatThrownBy(() -> BearerToken.fromEnvironment("--auth-token-env", "MONOSCALE_TOKEN", name -> null))
                .hasMessage("--auth-token-env: environment variable MONOSCALE_TOKEN = (unset or blank); "
                        + "allowed: the name of a variable that holds the token");
    }
}
