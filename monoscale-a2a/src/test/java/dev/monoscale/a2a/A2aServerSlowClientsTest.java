package dev.monoscale.a2a;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.junit.jupiter.api.Test;

/**
 * Slow clients cannot starve the others: a bounded load test on loopback that stops by itself. It asserts that a
 * normal request is answered while 400 clients hold their request bodies open, not how fast (the latency is printed;
 * the README gives the figure of a named run).
 */
class A2aServerSlowClientsTest {

    private static final int SLOW_CLIENTS = 400;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private static final String SEND = A2aWire.request(
                    1, "message/send", A2aWire.sendParams(A2aProtocol.JSONRPC_0_3, "m-1", "hello", true))
            .toString();

    /** Counts the server's connections as they open and close. */
    static final class Connections implements Connection.Listener {
        final CountDownLatch opened;
        final CountDownLatch closed;

        Connections(int count) {
            opened = new CountDownLatch(count);
            closed = new CountDownLatch(count);
        }

        @Override
        public void onOpened(Connection connection) {
            opened.countDown();
        }

        @Override
        public void onClosed(Connection connection) {
            closed.countDown();
        }
    }

    /** A client that sends its headers and the first byte of a 1,000-byte body, then nothing. */
    private static Socket slowClient(A2aServer server) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /a2a/jsonrpc HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                        + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Sends one normal request, waiting up to 30 s; its status and how long it took in milliseconds. */
    private static long[] normalRequest(A2aServer server) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/a2a/jsonrpc"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(SEND))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new long[] {response.statusCode(), (System.nanoTime() - start) / 1_000_000};
    }

    @Test
    void aNormalRequestIsAnsweredWhile400SlowBodyClientsHoldTheirConnectionsAndAfterTheyGo() throws Exception {
        Connections connections = new Connections(SLOW_CLIENTS);
        List<Socket> slow = new ArrayList<>();
        try (A2aServer server =
                A2aServer.builder(new Shouter()).connections(connections).start()) {
            try {
                for (int i = 0; i < SLOW_CLIENTS; i++) {
                    slow.add(slowClient(server));
                }
                assertThat(connections.opened.await(60, TimeUnit.SECONDS))
                        .as("all slow clients connected")
                        .isTrue();

                long[] during = normalRequest(server);
                System.out.printf(
                        "a normal request with %d slow-body clients connected: HTTP %d in %d ms (%d open connections)%n",
                        SLOW_CLIENTS, during[0], during[1], server.openConnections());
                assertThat(during[0]).isEqualTo(200);
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
            assertThat(connections.closed.await(60, TimeUnit.SECONDS))
                    .as("the server let the slow clients go")
                    .isTrue();

            long[] after = normalRequest(server);
            System.out.printf("a normal request after the slow clients went: HTTP %d in %d ms%n", after[0], after[1]);
            assertThat(after[0]).isEqualTo(200);
        }
    }

    @Test
    void aBodyThatTricklesPastTheBodyTimeoutLosesItsConnection() throws Exception {
        ServerLimits limits = ServerLimits.defaults().withBodyTimeout(Duration.ofMillis(200));
        Connections connections = new Connections(1);
        try (A2aServer server = A2aServer.builder(new Shouter())
                        .limits(limits)
                        .connections(connections)
                        .start();
                Socket socket = slowClient(server)) {
            socket.setSoTimeout(30_000);

            int read = socket.getInputStream().read();

            assertThat(read).as("the server closed the connection").isEqualTo(-1);
            assertThat(connections.closed.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.taskCount()).isZero();
        }
    }
}
