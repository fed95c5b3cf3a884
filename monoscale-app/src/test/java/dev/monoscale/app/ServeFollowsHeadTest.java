package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.store.postgres.PostgresLocation;
import dev.monoscale.store.postgres.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A {@code serve} process on a PostgreSQL memory routes with a version another process appends, without a restart. */
class ServeFollowsHeadTest {

    private static final TestPostgres SERVER = TestPostgres.shared();

    @Test
    void a_serve_replica_hears_of_a_rollback_made_by_another_process_and_routes_with_it() throws Exception {
        PostgresLocation memory = SERVER.newMemory();
        String url = memory.toString();
        Cli onboard = Cli.run(
                "onboard",
                "--world",
                "paper-noisy",
                "--stage",
                "1",
                "--db",
                url,
                "--warmup-tasks",
                "10",
                "--samples",
                "2");
        assertThat(onboard.exit()).as(onboard.err()).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process serve = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "--world",
                        "paper-noisy",
                        "--stage",
                        "1",
                        "--db",
                        url,
                        "--port",
                        "0")
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (java.io.IOException ended) {
                // the process is gone
            }
        });
        try {
            assertThat(lines.poll(120, TimeUnit.SECONDS)).startsWith("serving MonoScale (memory v1 over ");

            Cli rollback = Cli.run("memory", "rollback", "--db", url, "--to", "v0");
            assertThat(rollback.exit()).as(rollback.err()).isZero();

            assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("memory " + url + ": now routing with v2");
        } finally {
            serve.destroyForcibly();
            serve.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
