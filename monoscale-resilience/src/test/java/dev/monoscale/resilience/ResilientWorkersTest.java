package dev.monoscale.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.FailureKind;
import dev.monoscale.core.TaskId;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerCall;
import dev.monoscale.core.WorkerReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ResilientWorkersTest {

    private static final WorkerCall CALL = new WorkerCall(TaskId.of("t"), 0, "do it", List.of(), 0);
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void releaseHangingWorkers() {
        never.countDown();
    }

    private Worker worker(String id, Function<Integer, WorkerReply> behaviour) {
        return Worker.of(AgentId.of(id), call -> behaviour.apply(calls.incrementAndGet()));
    }

    private static ResilienceConfig config(Duration timeout, int attempts, int minimumCalls) {
        return new ResilienceConfig(timeout, attempts, Duration.ZERO, 50, minimumCalls, Duration.ofMinutes(1));
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES) // a guard against a stall, far above the 100 ms deadline
    void a_hanging_worker_times_out_at_the_deadline_instead_of_stalling_the_caller() {
        Worker hanging = worker("slow", n -> {
            try {
                never.await(); // until the test ends: the worker never answers in time, however fast the machine
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new WorkerReply.Answered("late", "text", Duration.ZERO, 0);
        });

        WorkerReply reply = new ResilientWorkers(config(Duration.ofMillis(100), 1, 20))
                .protect(hanging)
                .call(CALL);

        assertThat(reply)
                .isEqualTo(new WorkerReply.Failed(
                        FailureKind.TIMEOUT, "no answer from 'slow' within 100 ms", Duration.ofMillis(100), 0));
    }

    @Test
    void a_transient_fault_is_retried_and_the_second_attempt_counts() {
        Worker flaky = worker("flaky", n -> {
            if (n == 1) {
                throw new IllegalStateException("connection reset");
            }
            return new WorkerReply.Answered("ok", "text", Duration.ZERO, 0);
        });

        WorkerReply reply = new ResilientWorkers(config(Duration.ofSeconds(5), 2, 20))
                .protect(flaky)
                .call(CALL);

        assertThat(reply).isInstanceOf(WorkerReply.Answered.class);
        assertThat(calls).hasValue(2);
    }

    @Test
    void an_error_the_worker_reports_is_final_and_not_retried() {
        Worker broken =
                worker("broken", n -> new WorkerReply.Failed(FailureKind.ERROR, "tool crashed", Duration.ZERO, 0));

        WorkerReply reply = new ResilientWorkers(config(Duration.ofSeconds(5), 3, 20))
                .protect(broken)
                .call(CALL);

        assertThat(reply).isEqualTo(new WorkerReply.Failed(FailureKind.ERROR, "tool crashed", Duration.ZERO, 0));
        assertThat(calls).hasValue(1);
    }

    @Test
    void an_unreachable_worker_opens_its_breaker_and_later_calls_do_not_reach_it() {
        ResilientWorkers workers = new ResilientWorkers(config(Duration.ofSeconds(5), 1, 4));
        Worker down = workers.protect(worker("down", n -> {
            throw new IllegalStateException("connection refused");
        }));

        for (int i = 0; i < 4; i++) {
            assertThat(down.call(CALL))
                    .isInstanceOfSatisfying(
                            WorkerReply.Failed.class,
                            failed -> assertThat(failed.message())
                                    .isEqualTo("calling 'down' failed: IllegalStateException: connection refused"));
        }
        WorkerReply refused = down.call(CALL);

        assertThat(workers.state(AgentId.of("down"))).isEqualTo("OPEN");
        assertThat(refused)
                .isEqualTo(new WorkerReply.Failed(
                        FailureKind.UNAVAILABLE,
                        "circuit breaker for 'down' is open after 4 failed calls; not called",
                        Duration.ZERO,
                        0));
        assertThat(calls).hasValue(4);
    }

    @Test
    void breakers_are_per_worker() {
        ResilientWorkers workers = new ResilientWorkers(config(Duration.ofSeconds(5), 1, 2));
        Worker down = workers.protect(worker("down", n -> {
            throw new IllegalStateException("refused");
        }));
        Worker fine = workers.protect(worker("fine", n -> new WorkerReply.Answered("ok", "text", Duration.ZERO, 0)));

        down.call(CALL);
        down.call(CALL);

        assertThat(workers.state(AgentId.of("down"))).isEqualTo("OPEN");
        assertThat(fine.call(CALL)).isInstanceOf(WorkerReply.Answered.class);
        assertThat(workers.state(AgentId.of("fine"))).isEqualTo("CLOSED");
    }
}
