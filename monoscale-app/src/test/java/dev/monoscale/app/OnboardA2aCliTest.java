package dev.monoscale.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.a2a.A2aBackend;
import dev.monoscale.a2a.A2aServer;
import dev.monoscale.core.Skill;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code onboard --card <URL>}: the new worker is the A2A agent at the URL, called over the network during warm-up. */
class OnboardA2aCliTest {

    @TempDir
    Path dir;

    @Test
    void onboarding_by_url_calls_the_agent_over_a2a() {
        AtomicInteger calls = new AtomicInteger();
        A2aBackend agent = A2aBackend.of(
                "Menu Reader",
                "Reads restaurant menus in photos",
                List.of(new Skill(
                        "menu",
                        "Read menus",
                        "Reads the text on a photo of a menu",
                        List.of("menu", "photo"),
                        List.of())),
                text -> {
                    calls.incrementAndGet();
                    return A2aBackend.Result.answered("menu text");
                });
        try (A2aServer server =
                A2aServer.start(agent, "127.0.0.1", 0, Duration.ofSeconds(60), InstantSource.system())) {
            Cli cli = Cli.run(
                    "onboard",
                    "--stage",
                    "1",
                    "--card",
                    server.url(),
                    "--db",
                    dir.resolve("m.db").toString(),
                    "--warmup-tasks",
                    "4");

            assertThat(cli.exit()).as(cli.err()).isZero();
            // the selection half of its 4 tasks; no candidate gained there, so nothing was left to confirm
            assertThat(cli.out()).contains("new worker menu-reader: 2 warm-up tasks");
            assertThat(calls.get()).isPositive();
        }
    }
}
