package dev.monoscale.temporal;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Temporal's standalone test server (io.temporal:temporal-test-server), bound to 127.0.0.1 only: its own
 * {@code TestServer} main binds every interface (../shared/docs/dependencies-2.md, A2). In memory, in real time, no
 * download. Usage: {@code LoopbackTemporalServer [PORT]} (0, the default, picks a free port); prints
 * {@code temporal test server listening on 127.0.0.1:PORT} once it accepts connections. Uses an internal class of the
 * test server, so an SDK upgrade may need this file changed.
 */
public final class LoopbackTemporalServer {

    private LoopbackTemporalServer() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        // true locks time skipping: the server's clock is the real one, as in the test server's own main; unlocked,
        // a workflow task held by a killed worker was never timed out in a test run, and the round never ended
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder =
                NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        services.getServices().forEach(builder::addService);
        Server server = builder.build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            services.close();
        }));
        System.out.println("temporal test server listening on 127.0.0.1:" + server.getPort());
        System.out.flush();
        server.awaitTermination();
    }
}
