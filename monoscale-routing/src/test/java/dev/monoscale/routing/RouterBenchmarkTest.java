package dev.monoscale.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterBenchmarkTest {

    private final EmbeddedRouter router = EmbeddedRouter.of(
            Pool.of(List.of(
                    card("invoice-reader", "Invoice Reader", "invoice", "pdf"),
                    card("weather", "Weather Agent", "weather", "forecast"))),
            EmbeddedRouterConfig.defaults());
    private final List<Task> tasks = List.of(new Task(
            TaskId.of("t-1"),
            "Read the PDF invoice, then check the weather",
            List.of(
                    new Subtask(0, "Read the PDF invoice", List.of()),
                    new Subtask(1, "Check the weather forecast", List.of(0)))));

    @Test
    void reports_positive_ordered_times_for_every_measured_decision() {
        RouterBenchmark.Result result = RouterBenchmark.run(router, tasks, 1, 25);

        assertThat(result.decisions()).isEqualTo(25);
        assertThat(result.medianMicros()).isPositive();
        assertThat(result.p90Micros()).isGreaterThanOrEqualTo(result.medianMicros());
        assertThat(result.p99Micros()).isGreaterThanOrEqualTo(result.p90Micros());
        assertThat(result.meanMicros()).isPositive();
    }

    @Test
    void rejects_a_run_with_nothing_to_measure() {
        assertThatThrownBy(() -> RouterBenchmark.run(router, tasks, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("measured decisions must be >= 1, was 0");
    }

    private static AgentCard card(String id, String name, String... tags) {
        return new AgentCard(
                AgentId.of(id),
                name,
                name,
                List.of(new Skill(id, name, name, List.of(tags), List.of())),
                List.of("text/plain"),
                List.of("text/plain"),
                List.of(),
                "1.0");
    }
}
