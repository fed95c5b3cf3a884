package dev.monoscale.app;

import static dev.monoscale.testkit.MemoryFixtures.T0;
import static dev.monoscale.testkit.MemoryFixtures.accepted;
import static dev.monoscale.testkit.MemoryFixtures.avoid;
import static dev.monoscale.testkit.MemoryFixtures.ids;
import static dev.monoscale.testkit.MemoryFixtures.initial;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.Plan;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.memory.MemoryStore;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.store.postgres.PostgresLocation;
import dev.monoscale.store.postgres.PostgresMemoryStore;
import dev.monoscale.store.postgres.TestPostgres;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A service replica routes with the head another process appends to a shared PostgreSQL memory. */
class HeadFollowingRouterTest {

    private static final TestPostgres SERVER = TestPostgres.shared();

    @Test
    void a_replica_routes_with_the_version_another_process_appends_as_soon_as_the_store_reports_it() throws Exception {
        PostgresLocation memory = SERVER.newMemory();
        RoutingMemory v0 = initial("a");
        RoutingMemory v1 = v0.next(ids("a"), List.of(avoid("m1", "p", "b", 3)), accepted("b"), T0);
        BlockingQueue<MemoryVersion> switched = new LinkedBlockingQueue<>();
        try (MemoryStore replica = PostgresMemoryStore.open(memory, null);
                MemoryStore onboarding = PostgresMemoryStore.open(memory, null);
                HeadFollowingRouter router = HeadFollowingRouter.follow(
                        replica,
                        initial("fallback"),
                        m -> task -> new Plan(TaskId.of("routed-with-" + m.version()), List.of()),
                        m -> switched.add(m.version()))) {
            assertThat(router.memory()).isEqualTo(initial("fallback"));

            onboarding.append(v0);
            assertThat(switched.poll(60, TimeUnit.SECONDS)).isEqualTo(MemoryVersion.of(0));
            onboarding.append(v1);
            assertThat(switched.poll(60, TimeUnit.SECONDS)).isEqualTo(MemoryVersion.of(1));

            assertThat(router.memory()).isEqualTo(v1);
            assertThat(router.route(new Task(TaskId.of("t1"), "a task", List.of(new Subtask(0, "a step", List.of()))))
                            .task())
                    .isEqualTo(TaskId.of("routed-with-v1"));
        }
    }
}
