package dev.monoscale.llm;

import static dev.monoscale.llm.Fixtures.AUDITOR;
import static dev.monoscale.llm.Fixtures.LEDGER;
import static dev.monoscale.llm.Fixtures.WRITER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Worker;
import dev.monoscale.distillation.CandidateMemory;
import dev.monoscale.gate.GateConfig;
import dev.monoscale.gate.GatePolicy;
import dev.monoscale.gate.GateRule;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.InMemoryMemoryStore;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryVersion;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.Stance;
import dev.monoscale.onboarding.OnboardingRound;
import dev.monoscale.onboarding.PoolKind;
import dev.monoscale.onboarding.RoundConfig;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A whole onboarding round on scripted models: the LLM synthesizer writes audit tasks for the auditor, LLM workers
 * answer them (the auditor right, the incumbents wrong), the LLM judge checks the answers, the LLM distiller writes
 * a prefer entry, and the gate scores the LLM router's memories.
 */
class LlmOnboardingRoundTest {

    static final Pattern INVOICE = Pattern.compile("invoice (\\d+)");

    /** Planner: three audit intents; executor: one step and its reference; validator: accept. */
    final Answering synthesis = Answering.text(request -> {
        String system = Answering.system(request);
        if (system.startsWith("You plan warm-up tasks")) {
            return """
                    {"intents":[{"kind":"in_scope","text":"audit invoice 17"},{"kind":"in_scope","text":"audit invoice 17"},
                     {"kind":"in_scope","text":"audit invoice 23"},{"kind":"in_scope","text":"audit invoice 31"}]}""";
        }
        if (system.startsWith("You turn a warm-up intent")) {
            Matcher m = INVOICE.matcher(Answering.user(request));
            m.find();
            return "{\"steps\":[\"audit invoice %s and give its total\"],\"reference\":\"total %s\"}"
                    .formatted(m.group(1), m.group(1));
        }
        return "{\"valid\":true,\"reason\":\"one right answer\"}";
    });

    /** Judge: passes an answer that contains the reference. */
    final Answering judge = Answering.text(request -> {
        String user = Answering.user(request);
        String reference = user.replaceAll("(?s).*Reference answer: (.*?)\\n.*", "$1");
        String answer = user.replaceAll("(?s).*Answer to judge: (.*)", "$1");
        return answer.contains(reference)
                ? "{\"verdict\":\"pass\",\"reason\":\"matches\"}"
                : "{\"verdict\":\"fail\",\"reason\":\"wrong total\"}";
    });

    /** Distiller: prefers the auditor on audits, citing the auditor's runs it was shown. */
    final Answering distiller = Answering.text(request -> {
        Matcher runs =
                Pattern.compile("auditor did the step .*\\n    runs: (.*)").matcher(Answering.user(request));
        String cited = runs.find() ? String.join("\",\"", runs.group(1).split(", ")) : "";
        return """
                {"entries":[{"pattern":"audit invoice total","rule":"Send invoice audits to auditor: it gave the right total every time.",
                  "worker":"auditor","stance":"prefer","after":[],"cite":["%s"]},
                 {"pattern":"audit","rule":"made up","worker":"nobody","stance":"prefer","after":[],"cite":[]},
                 {"pattern":"like: audit invoice total","rule":"As before.","worker":"auditor","stance":"prefer","after":[],"cite":["%1$s"]}]}""".formatted(cited);
    });

    /** Router: the label of the auditor when offered, else the ledger's. */
    final Answering router = new Answering(request -> {
        boolean auditorOffered = Answering.user(request).contains("C: auditor");
        return auditorOffered
                ? ScriptedModel.logprobs("C", ScriptedModel.p("C", 0.8, "A", 0.15, "B", 0.05))
                : ScriptedModel.logprobs("A", ScriptedModel.p("A", 0.9, "B", 0.1));
    });

    final Map<AgentId, Worker> workers = Map.of(
            LEDGER.id(),
                    LlmWorker.of(LEDGER.id(), Answering.text(r -> "total 0"), "ledger-model", "You keep the books."),
            WRITER.id(),
                    LlmWorker.of(
                            WRITER.id(), Answering.text(r -> "Dear customer"), "writer-model", "You write letters."),
            AUDITOR.id(),
                    LlmWorker.of(
                            AUDITOR.id(),
                            Answering.text(r -> {
                                Matcher m =
                                        INVOICE.matcher(r.messages().getLast().content());
                                return m.find() ? "total " + m.group(1) : "no invoice";
                            }),
                            "auditor-model",
                            "You audit invoices."));

    @Test
    void aRoundOnScriptedModelsLearnsToSendAuditsToTheAuditorAndRecordsTheGate() {
        References references = new References();
        LlmRouterConfig config = LlmRouterConfig.defaults("router-model");
        var lift = MemoryRouter.routing(EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults());
        var routing = LlmRouter.routing(
                router,
                new LabelEstimator(router, ServerDialect.VLLM, LabelEstimator.Settings.defaults()),
                config,
                lift);
        LlmWarmupSynthesizer synthesizer = new LlmWarmupSynthesizer(synthesis, "synth-model", references, 1);
        LlmDistiller llmDistiller = new LlmDistiller(distiller, "distill-model", 2, 0.7, 1);
        InMemoryMemoryStore store = new InMemoryMemoryStore();
        var parts = new OnboardingRound.Parts(
                synthesizer,
                workers::get,
                new LlmJudge(judge, "judge-model", references::find, 1),
                llmDistiller,
                routing,
                store,
                InstantSource.fixed(Instant.parse("2026-11-24T12:00:00Z")));
        // the legacy rule, whose record this test reads: three warm-up tasks are too few for the confirm rule's test
        RoundConfig round = new RoundConfig(3, 4, new GateConfig(2.5, 0.05, 200).withRule(GateRule.LEGACY), 1);

        RoundReport report = new OnboardingRound(parts, round, GatePolicy.GATED, PoolKind.SPECIALISTS)
                .run(Pool.of(List.of(LEDGER, WRITER)), List.of(AUDITOR), (done, total) -> {});

        assertThat(references.size()).isEqualTo(3);
        assertThat(synthesizer.notes()).containsExactly("intent 2 repeats an earlier task's probed step: dropped");
        assertThat(synthesis.requests)
                .as("the repeat is dropped before the validator is asked: one plan, four tasks made, three checked")
                .hasSize(1 + 4 + 3);
        assertThat(report.workers().getFirst().warmupTasks()).isEqualTo(3);
        RoundReport.PatternReport pattern =
                report.workers().getFirst().patterns().getFirst();
        assertThat(pattern.successes()).isEqualTo(pattern.trials());
        assertThat(pattern.incumbentSuccesses()).isZero();

        RoutingMemory head = store.head().orElseThrow();
        assertThat(head.version()).isEqualTo(MemoryVersion.INITIAL.next());
        assertThat(head.gate().outcome()).isEqualTo(GateRecord.Outcome.ACCEPTED);
        assertThat(head.gate().onboarded()).containsExactly(AUDITOR.id());
        assertThat(head.gate().candidates())
                .as("the model's one distinct answer, then the same entries with the auditor validated")
                .extracting(GateRecord.CandidateScore::name)
                .satisfiesExactly(
                        name -> assertThat(name).startsWith("distill/entries@1 "),
                        name -> assertThat(name).isEqualTo(CandidateMemory.CARDS));
        GateRecord.CandidateScore chosen = head.gate().candidates().getFirst();
        assertThat(chosen.gain()).isPositive();
        assertThat(chosen.gainLow()).isPositive();
        assertThat(chosen.withinTrustRegion()).isTrue();
        assertThat(head.gate().chosen()).contains(chosen.name());
        assertThat(chosen.name()).startsWith("distill/entries@1 ");
        assertThat(new LlmWarmupSynthesizer(synthesis, "synth-model", new References(), 1)
                        .synthesize(AUDITOR, Pool.of(List.of(LEDGER, WRITER, AUDITOR)), 3))
                .isNotEmpty()
                .allSatisfy(task -> assertThat(task.intent().source())
                        .isEqualTo("warmup/plan@1; warmup/execute@1; warmup/validate@1"));
        MemoryEntry entry = head.entries().getFirst();
        assertThat(head.entries()).hasSize(1);
        assertThat(entry.guidance().getFirst().worker()).isEqualTo(AUDITOR.id());
        assertThat(entry.guidance().getFirst().stance()).isEqualTo(Stance.PREFER);
        assertThat(entry.evidence().trials())
                .isEqualTo(entry.evidence().successes())
                .isPositive();
        assertThat(entry.evidence().traces()).allMatch(id -> id.startsWith("warm-auditor-"));
        assertThat(llmDistiller.notes()).anyMatch(note -> note.contains("worker 'nobody' is not in the pool"));
        assertThat(llmDistiller.notes())
                .as("a model cannot write an example: its form is the embedded distiller's")
                .anyMatch(note -> note.contains("pattern 'like: audit invoice total' begins as an example's does"));
        assertThat(router.requests).allMatch(r -> r.logprobs() && r.extra().containsKey("structured_outputs"));
        assertThat(judge.requests).isNotEmpty();
    }
}
