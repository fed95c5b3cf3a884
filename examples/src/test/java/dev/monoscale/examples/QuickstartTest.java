package dev.monoscale.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Plan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quickstart runs as the README shows it: before onboarding the arithmetic task goes to a worker of the starting
 * pool that refuses it; the round accepts a memory that validates the calculator (routes to it wherever its card
 * matches) and prefers it for products; afterwards the task goes to the calculator.
 */
class QuickstartTest {

    private static final ByteArrayOutputStream PRINTED = new ByteArrayOutputStream();
    /** One run serves every test: the program is deterministic, and a run onboards a worker (about a second). */
    private static Plan plan;

    @BeforeAll
    static void runTheQuickstartOnce() {
        plan = Quickstart.run(new PrintStream(PRINTED, true, StandardCharsets.UTF_8));
    }

    private static List<String> lines() {
        return PRINTED.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void the_task_goes_to_the_calculator_once_the_round_has_onboarded_it() {
        assertThat(plan.workers()).containsExactly(AgentId.of("calculator"));
        assertThat(lines().getLast()).isEqualTo("after:  'What is 12 times 12?' goes to [calculator]");
    }

    @Test
    void before_the_round_the_cards_alone_send_the_task_to_a_worker_of_the_starting_pool() {
        assertThat(lines().getFirst()).isEqualTo("before: 'What is 12 times 12?' goes to [translator]");
    }

    @Test
    void the_round_accepts_a_memory_that_validates_the_calculator_with_an_entry_for_the_products() {
        assertThat(lines().get(1))
                .startsWith("RoundReport[v1 accepted (cards): 24 warm-up tasks, 184 worker calls; "
                        + "new workers calculator (24 tasks, 5 patterns); 1 entry added; calculator validated; "
                        + "5 candidates; ");
        assertThat(lines())
                .filteredOn(line -> line.startsWith("learned: "))
                .containsExactly(
                        "learned: Send steps like 'What is 8 times 9?' to calculator: it passed 4 of 4 warm-up "
                                + "runs (100%, 95% CI 0.51-1.00), against 0% for translator.");
        assertThat(lines()).contains("validated: calculator, routed wherever its card matches");
    }
}
