package dev.monoscale.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monoscale.a2a.A2aBackend;
import dev.monoscale.app.RoutedPoolBackend;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.core.WorkerReply;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.sim.SimWorld;
import dev.monoscale.sim.WorldSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pool {@code serve} routes over grows by a worker the service onboarded: the same memory version then routes to
 * it and the request calls it, without a restart. The memory here prefers paper-noisy's transcriber for audio
 * transcription, as an accepted round would; the served pool starts at stage 1, without it.
 */
class ServedPoolTest {

    private static final String TASK = "Transcribe the audio recording of the weekly meeting";

    private final SimWorld sim = SimWorld.create(WorldSpecs.load("paper-noisy"), 1);
    private final Pool stage1 = sim.stages().get(1).pool();
    private final AgentCard transcriber = sim.stages().get(2).pool().cards().stream()
            .filter(card -> card.id().equals(AgentId.of("transcriber")))
            .findFirst()
            .orElseThrow();
    private final RoutingMemory memory = RoutingMemory.initial(stage1.ids(), Instant.EPOCH)
            .next(
                    stage1.ids(),
                    List.of(new MemoryEntry(
                            MemoryEntryId.of("v1-p1-prefer-transcriber"),
                            "transcribe audio recording meeting",
                            "Send steps like 'Transcribe the audio recording' to transcriber.",
                            List.of(WorkerGuidance.prefer(AgentId.of("transcriber"))),
                            new Evidence(List.of("warmup-t1-0"), 6, 6),
                            0.9)),
                    GateRecord.initial(),
                    Instant.EPOCH);
    private final ServedPool served = new ServedPool(stage1, sim::worker);
    private final LiveRouter router = new LiveRouter(
            MemoryHead.fixed(memory),
            m -> MemoryRouter.of(served.current(), m, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()),
            RoutingObserver.NONE,
            served::joinedCount);
    private final RoutedPoolBackend backend = new RoutedPoolBackend("Office", served::current, router, served::worker);

    @Test
    void aJoinedWorkerIsRoutedToAndCalledWithTheSameMemoryVersionWithoutARestart() {
        List<String> before = new ArrayList<>();
        A2aBackend.Result notYet = backend.handle(TASK, before::add);

        served.join(
                transcriber,
                Worker.of(
                        transcriber.id(),
                        call -> new WorkerReply.Answered("the transcript", "text", Duration.ZERO, 0)));
        List<String> after = new ArrayList<>();
        A2aBackend.Result answered = backend.handle(TASK, after::add);

        assertThat(before).first().isEqualTo("memory v1");
        assertThat(before.get(1)).doesNotContain("transcriber");
        assertThat(notYet.text()).isNotEqualTo("the transcript");
        assertThat(after).first().isEqualTo("memory v1");
        assertThat(after.get(1)).startsWith("step 1 -> transcriber");
        assertThat(answered.succeeded()).isTrue();
        assertThat(answered.text()).isEqualTo("the transcript");
        assertThat(served.current().ids()).endsWith(AgentId.of("transcriber")).hasSize(stage1.size() + 1);
        assertThat(backend.skills()).anyMatch(skill -> skill.id().startsWith("transcriber/"));
    }

    @Test
    void aWorkerAlreadyInThePoolCannotJoinAgain() {
        AgentCard first = stage1.cards().getFirst();

        assertThatThrownBy(() -> served.join(first, sim.worker(first.id())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(
                        "served pool: worker = '" + first.id() + "'; allowed: a worker not already in the pool");
        assertThat(served.current()).isEqualTo(stage1);
        assertThat(served.joinedCount()).isZero();
    }
}
