package dev.monoscale.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `memory diff` reports between two versions: entries by id, and the workers that became validated or not. */
class MemoryDiffTest {

    private static final AgentId OLD = AgentId.of("web-surfer");
    private static final AgentId NEW = AgentId.of("sheet-analyst");

    private final RoutingMemory v0 = RoutingMemory.initial(List.of(OLD), Instant.EPOCH);

    @Test
    void a_version_that_validates_a_new_worker_and_adds_nothing_else_is_a_difference() {
        RoutingMemory v1 = v0.next(List.of(OLD, NEW), List.of(), GateRecord.initial(), Instant.EPOCH);

        MemoryDiff diff = MemoryDiff.between(v0, v1);

        assertThat(diff.added()).isEmpty();
        assertThat(diff.validated()).containsExactly(NEW);
        assertThat(diff.unvalidated()).isEmpty();
        assertThat(diff.isEmpty()).isFalse();
    }

    @Test
    void going_back_past_a_validation_names_the_worker_no_longer_validated() {
        RoutingMemory v1 = v0.next(List.of(OLD, NEW), List.of(), GateRecord.initial(), Instant.EPOCH);

        MemoryDiff diff = MemoryDiff.between(v1, v0);

        assertThat(diff.validated()).isEmpty();
        assertThat(diff.unvalidated()).containsExactly(NEW);
    }

    @Test
    void the_same_entries_and_workers_are_no_difference() {
        RoutingMemory v1 = v0.next(List.of(OLD), List.of(), GateRecord.initial(), Instant.EPOCH);

        assertThat(MemoryDiff.between(v0, v1).isEmpty()).isTrue();
    }
}
