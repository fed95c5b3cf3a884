package dev.monoscale.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.bench.ReportJson;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import dev.monoscale.core.Subtask;
import dev.monoscale.core.Task;
import dev.monoscale.core.TaskId;
import dev.monoscale.llm.LabelEstimator;
import dev.monoscale.llm.LlmRouter;
import dev.monoscale.llm.LlmRouterConfig;
import dev.monoscale.llm.ServerDialect;
import dev.monoscale.llm.client.ChatCompletion;
import dev.monoscale.llm.client.ChatModel;
import dev.monoscale.llm.client.ChatRequest;
import dev.monoscale.memory.Evidence;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.MemoryEntryId;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.routing.EmbeddedRouterConfig;
import dev.monoscale.routing.MemoryRouter;
import dev.monoscale.routing.MemoryRouterConfig;
import dev.monoscale.routing.RouterBenchmark;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monoscale bench llm-router}: the LLM router's own cost per decision (retrieval, prompt rendering, reading
 * the answer) with the model call replaced by an in-process scripted model that returns a canned logprobs answer.
 */
@Command(
        name = "llm-router",
        mixinStandardHelpOptions = true,
        description = {
            "Time the LLM router's own work per decision (memory retrieval, prompt rendering, reading the label distribution),",
            "with the model call replaced by an in-process scripted model, over a pool of --workers synthetic workers and a",
            "memory of --entries entries. Prints median, p90 and p99 per phase in microseconds."
        })
final class LlmRouterBenchCommand implements Callable<Integer> {

    private static final String[] WORDS =
            ("invoice ledger audit refund contract summary translate schedule flight hotel weather "
                            + "report forecast budget payroll tax customer letter email policy claim shipment inventory order price quote "
                            + "recipe diagnosis contract review code test deploy query table chart")
                    .split(" ");

    @Option(
            names = "--workers",
            defaultValue = "10",
            description = "Workers in the pool, in [2, 26] (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(
            names = "--entries",
            defaultValue = "1000",
            description = "Memory entries, in [0, 100000] (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(
            names = "--decisions",
            defaultValue = "5000",
            description = "Decisions to time, after as many untimed (default: ${DEFAULT-VALUE}).")
    int decisions;

    /** Where the timed loop leaves a value computed from every decision. */
    @SuppressWarnings("UnusedVariable") // written, never read: a volatile write the JIT cannot prove dead
    private static volatile int consumed;

    @CommandLine.Mixin
    Formats output = new Formats();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.check();
        if (workers < 2 || workers > 26) {
            throw new InvalidInputException(
                    "--workers", "workers", Integer.toString(workers), "a whole number in [2, 26]");
        }
        if (entries < 0 || entries > 100_000) {
            throw new InvalidInputException(
                    "--entries", "entries", Integer.toString(entries), "a whole number in [0, 100000]");
        }
        if (decisions < 100 || decisions > 1_000_000) {
            throw new InvalidInputException(
                    "--decisions", "decisions", Integer.toString(decisions), "a whole number in [100, 1000000]");
        }
        SplittableRandom random = new SplittableRandom(1);
        List<AgentCard> cards = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String skill = words(random, 3);
            cards.add(new AgentCard(
                    AgentId.of("worker-" + i),
                    "Worker " + i,
                    "Does " + skill + " work for the team.",
                    List.of(new Skill(
                            "s" + i,
                            skill,
                            "Handles " + skill + " requests end to end.",
                            List.of(),
                            List.of("please " + words(random, 5)))),
                    List.of("text/plain"),
                    List.of("text/plain"),
                    List.of(),
                    "1"));
        }
        Pool pool = Pool.of(cards);
        List<MemoryEntry> memoryEntries = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            AgentId worker = pool.ids().get(random.nextInt(workers));
            String pattern = words(random, 3);
            memoryEntries.add(new MemoryEntry(
                    MemoryEntryId.of("e" + i),
                    pattern,
                    "Send steps like '%s' to %s: it passed 6 of 8 warm-up runs.".formatted(pattern, worker),
                    List.of(i % 3 == 0 ? WorkerGuidance.avoid(worker) : WorkerGuidance.prefer(worker)),
                    new Evidence(List.of("t#" + i), 6, 8),
                    0.8));
        }
        List<AgentId> validated = pool.ids().subList(0, workers / 2);
        RoutingMemory initial = RoutingMemory.initial(validated, Instant.EPOCH);
        RoutingMemory memory = initial.next(validated, memoryEntries, GateRecord.initial(), Instant.EPOCH);
        ChatCompletion canned = canned();
        ChatModel scripted = new ChatModel() {
            @Override
            public String describe() {
                return "in-process scripted model";
            }

            @Override
            public ChatCompletion complete(ChatRequest request) {
                return canned;
            }
        };
        LlmRouterConfig config = LlmRouterConfig.defaults("scripted");
        LabelEstimator estimator =
                new LabelEstimator(scripted, ServerDialect.OPENAI, LabelEstimator.Settings.defaults());
        LlmRouter router = LlmRouter.of(
                pool,
                memory,
                scripted,
                estimator,
                config,
                MemoryRouter.of(pool, memory, EmbeddedRouterConfig.defaults(), MemoryRouterConfig.defaults()));
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String text = "please " + words(random, 6);
            tasks.add(new Task(TaskId.of("b" + i), text, List.of(new Subtask(0, text, List.of()))));
        }
        long[][] phases = new long[5][decisions];
        int sink = 0;
        for (int n = 0; n < 2 * decisions; n++) {
            Task task = tasks.get(n % tasks.size());
            long start = System.nanoTime();
            LlmRouter.Decision decision =
                    router.decideUncached(task, task.subtasks().getFirst(), List.of());
            long total = System.nanoTime() - start;
            sink += decision.step().worker().hashCode();
            if (n >= decisions) {
                int at = n - decisions;
                LlmRouter.Timings t = decision.trace().timings();
                phases[0][at] = t.retrievalNanos();
                phases[1][at] = t.renderNanos();
                phases[2][at] = t.parseNanos();
                phases[3][at] = t.overheadNanos();
                phases[4][at] = total - t.modelNanos();
            }
        }
        consumed = sink; // the decisions' results are used, so the JIT cannot drop the work it times
        PrintWriter out = spec.commandLine().getOut();
        String[] names = {
            "retrieval", "prompt rendering", "reading the answer", "router overhead (sum)", "whole decision minus model"
        };
        String[] keys = {"retrieval", "promptRendering", "readingTheAnswer", "routerOverhead", "wholeDecisionMinusModel"
        };
        if (output.json()) {
            ObjectNode root = ReportJson.MAPPER.createObjectNode();
            root.put("workers", workers);
            root.put("validated", validated.size());
            root.put("entries", entries);
            root.put("decisions", decisions);
            root.put("untimedDecisions", decisions);
            root.put("jdk", Runtime.version().toString());
            root.put("model", "in-process scripted model");
            ObjectNode micros = root.putObject("perDecisionMicros");
            for (int i = 0; i < keys.length; i++) {
                long[] sorted = phases[i].clone();
                Arrays.sort(sorted);
                ObjectNode phase = micros.putObject(keys[i]);
                phase.put("median", ReportJson.round(pct(sorted, 0.5)));
                phase.put("p90", ReportJson.round(pct(sorted, 0.9)));
                phase.put("p99", ReportJson.round(pct(sorted, 0.99)));
            }
            out.print(ReportJson.write(root));
            out.flush();
            return 0;
        }
        out.println(String.format(
                Locale.ROOT,
                "LLM router, %d workers (%d validated), %d memory entries,"
                        + " %d timed decisions (after %d untimed), JDK %s",
                workers,
                validated.size(),
                entries,
                decisions,
                decisions,
                Runtime.version()));
        out.println("model calls replaced by an in-process scripted model (a canned logprobs answer);"
                + " times exclude them");
        for (int i = 0; i < names.length; i++) {
            long[] sorted = phases[i].clone();
            Arrays.sort(sorted);
            out.println(String.format(
                    Locale.ROOT,
                    "%-28s median %8.1f us   p90 %8.1f us   p99 %8.1f us",
                    names[i],
                    pct(sorted, 0.5),
                    pct(sorted, 0.9),
                    pct(sorted, 0.99)));
        }
        out.flush();
        return 0;
    }

    private static double pct(long[] sorted, double q) {
        return RouterBenchmark.percentile(sorted, q) / 1_000.0;
    }

    private static String words(SplittableRandom random, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }

    private static ChatCompletion canned() {
        List<ChatCompletion.Alternative> top = List.of(
                new ChatCompletion.Alternative("A", Math.log(0.5)),
                new ChatCompletion.Alternative("B", Math.log(0.2)),
                new ChatCompletion.Alternative("C", Math.log(0.1)),
                new ChatCompletion.Alternative("D", Math.log(0.05)),
                new ChatCompletion.Alternative(" A", Math.log(0.05)),
                new ChatCompletion.Alternative("The", Math.log(0.02)));
        return new ChatCompletion(
                "canned",
                "scripted",
                List.of(new ChatCompletion.Choice(
                        0, "A", "stop", List.of(new ChatCompletion.TokenLogprob("A", Math.log(0.5), top)))),
                Optional.empty());
    }
}
