package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Agents that misbehave at the HTTP level, on loopback: a body that never ends, a body too large to hold, and
 * credentials that cannot be sent. Each is a failed reply or one clear line, never a hang or an exception.
 */
class A2aClientFaultsTest {

    private static final A2aClientConfig QUICK =
            A2aClientConfig.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1));
    /** For the tests whose outcome is not a timeout: deadlines no busy machine reaches. */
    private static final A2aClientConfig PATIENT =
            A2aClientConfig.defaults().withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(60));
    /** A guard against a hang, far above the deadlines under test. */
    private static final Duration NO_HANG = Duration.ofMinutes(1);

    private ServerSocket stalling;
    private HttpServer server;

    @AfterEach
    void stop() throws IOException {
        if (stalling != null) {
            stalling.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers every request with headers and the start of a body, then says nothing more. */
    private String stallingServer() throws IOException {
        stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!stalling.isClosed()) {
                try {
                    Socket socket = stalling.accept();
                    InputStream in = socket.getInputStream();
                    in.read(new byte[8192]);
                    socket.getOutputStream()
                            .write(
                                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"a\":"
                                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        return "http://127.0.0.1:" + stalling.getLocalPort();
    }

    /** Answers every request with {@code body}, status 200. */
    private String answering(String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static A2aAgent agent(String base, String securitySchemes) {
        String json = """
                {"name": "Faulty", "description": "d", "version": "1",
                 "supportedInterfaces": [{"url": "%s/rpc", "protocolBinding": "JSONRPC", "protocolVersion": "1.0"}],
                 "securitySchemes": %s,
                 "skills": [{"id": "s", "name": "S", "description": "does s"}]}""".formatted(base, securitySchemes);
        try {
            return A2aAgent.of(A2aCards.parse(json, "test"), A2aWire.MAPPER.readTree(json), "test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WorkerCall call(String text) {
        return new WorkerCall(TaskId.of("t-1"), 0, text, List.of(), 0);
    }

    @Test
    void aReplyWhoseBodyNeverEndsIsATimeoutWithinTheDeadline() throws IOException {
        A2aWorker worker = A2aWorkers.connect(agent(stallingServer(), "{}"), QUICK);

        WorkerReply reply = assertTimeoutPreemptively(NO_HANG, () -> worker.call(call("hello")));

        assertThat(reply)
                .isInstanceOfSatisfying(
                        WorkerReply.Failed.class, f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
    }

    @Test
    void aCardWhoseBodyNeverEndsIsOneLineWithinTheTimeout() throws IOException {
        String base = stallingServer();

        InvalidInputException error = assertTimeoutPreemptively(
                NO_HANG,
                () -> catchThrowableOfType(InvalidInputException.class, () -> new A2aDiscovery(QUICK).discover(base)));

        assertThat(error).isNotNull();
        assertThat(error.getMessage())
                .startsWith(base + ": (connection) = no answer within 500 ms")
                .doesNotContain("\n");
    }

    @Test
    void aCardLargerThanTheLimitIsRefusedInOneLine() throws IOException {
        String padding = "x".repeat(A2aHttp.MAX_CARD_BYTES);
        String base = answering("""
                {"name": "Huge", "description": "%s", "url": "http://127.0.0.1:1/rpc",
                 "skills": [{"id": "s", "name": "S", "description": "does s"}]}""".formatted(padding));

        InvalidInputException error =
                catchThrowableOfType(InvalidInputException.class, () -> new A2aDiscovery(PATIENT).discover(base));

        assertThat(error).isNotNull();
        assertThat(error.getMessage())
                .isEqualTo(
                        "%s/.well-known/agent-card.json: (agent card) = larger than %d bytes; allowed: an agent card of at most %d bytes"
                                .formatted(base, A2aHttp.MAX_CARD_BYTES, A2aHttp.MAX_CARD_BYTES));
    }

    @Test
    void aReplyLargerThanTheLimitIsAFailedCall() throws IOException {
        String base = answering(
                "{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {\"message\": {\"role\": \"ROLE_AGENT\", \"parts\": [{\"text\": \"%s\"}]}}}"
                        .formatted("x".repeat(A2aHttp.MAX_REPLY_BYTES)));

        WorkerReply reply = A2aWorkers.connect(agent(base, "{}"), PATIENT).call(call("hello"));

        assertThat(reply).isInstanceOfSatisfying(WorkerReply.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.ERROR);
            assertThat(f.message()).contains("larger than " + A2aHttp.MAX_REPLY_BYTES + " bytes");
        });
    }

    @Test
    void aTokenThatCannotBeSentIsARejectionThatDoesNotShowIt() throws IOException {
        A2aAgent agent = agent(answering("{}"), "{\"auth\": {\"httpAuthSecurityScheme\": {\"scheme\": \"Bearer\"}}}");
        A2aClientConfig config = PATIENT.withToken("AGENT_TOKEN", name -> "s3cret-token\n");

        AtomicReference<WorkerReply> reply = new AtomicReference<>();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> reply.set(A2aWorkers.connect(agent, config).call(call("hello"))));

        assertThat(thrown).as("the call throws").isNull();
        assertThat(reply.get()).isInstanceOfSatisfying(WorkerReply.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
            assertThat(f.message()).contains("AGENT_TOKEN").doesNotContain("s3cret");
        });
    }

    @Test
    void aCardAskingForAKeyInAHeaderThatCannotBeSentIsARejection() throws IOException {
        A2aAgent agent = agent(
                answering("{}"), "{\"key\": {\"type\": \"apiKey\", \"in\": \"header\", \"name\": \"Connection\"}}");
        A2aClientConfig config = PATIENT.withToken("AGENT_KEY", name -> "k3y");

        AtomicReference<WorkerReply> reply = new AtomicReference<>();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                () -> reply.set(A2aWorkers.connect(agent, config).call(call("hello"))));

        assertThat(thrown).as("the call throws").isNull();
        assertThat(reply.get()).isInstanceOfSatisfying(WorkerReply.Failed.class, f -> {
            assertThat(f.kind()).isEqualTo(FailureKind.REJECTED);
            assertThat(f.message()).contains("Connection").doesNotContain("k3y");
        });
    }
}
