package dev.monoscale.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.bench.ReportJson;
import dev.monoscale.core.AgentId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.onboarding.RoundReport;
import dev.monoscale.store.MemoryJson;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Renders an onboarding round's report for people (terminal) and machines (JSON). */
public final class RoundReports {

    private static final ObjectMapper MAPPER = ReportJson.MAPPER;

    private RoundReports() {}

    public static String text(RoundReport report) {
        StringBuilder out = new StringBuilder();
        GateRecord gate = report.gate();
        out.append(String.format(
                Locale.ROOT,
                "round -> memory %s: %s%n",
                report.version(),
                gate.outcome().name().toLowerCase(Locale.ROOT)));
        out.append("  ").append(gate.reason()).append('\n');
        out.append(String.format(
                Locale.ROOT, "  warm-up: %d tasks, %d worker calls%n", report.warmupTasks(), report.warmupCalls()));
        for (RoundReport.WorkerReport worker : report.workers()) {
            out.append(String.format(
                    Locale.ROOT, "%nnew worker %s: %d warm-up tasks%n", worker.worker(), worker.warmupTasks()));
            out.append(String.format(
                    Locale.ROOT,
                    "  %-58s %5s  %-20s  %s%n",
                    "pattern probed",
                    "tasks",
                    "new worker (95% CI)",
                    "incumbent"));
            for (RoundReport.PatternReport p : worker.patterns()) {
                out.append(String.format(
                        Locale.ROOT,
                        "  %-58s %5d  %2d/%-2d [%.2f,%.2f]    %s %d/%d%n",
                        clip(p.example(), 58),
                        p.tasks(),
                        p.successes(),
                        p.trials(),
                        p.ciLow(),
                        p.ciHigh(),
                        p.incumbent(),
                        p.incumbentSuccesses(),
                        p.incumbentTrials()));
            }
        }
        out.append(String.format(
                Locale.ROOT,
                "%ngate: delta %.2f, alpha %.2f, %d evaluation tasks%n",
                gate.delta(),
                gate.alpha(),
                gate.evaluationTasks()));
        out.append(String.format(
                Locale.ROOT,
                "  %-17s %7s %9s %21s %8s  %s%n",
                "candidate",
                "entries",
                "gain",
                "95% interval",
                "KL",
                "inside"));
        for (GateRecord.CandidateScore c : gate.candidates()) {
            boolean chosen = gate.chosen().filter(c.name()::equals).isPresent();
            out.append(String.format(
                    Locale.ROOT,
                    "%s %-17s %7d %9.4f  [%8.4f, %8.4f] %8.3f  %s%n",
                    chosen ? "*" : " ",
                    c.name(),
                    c.entries(),
                    c.gain(),
                    c.gainLow(),
                    c.gainHigh(),
                    c.kl(),
                    c.withinTrustRegion() ? "yes" : "no"));
        }
        out.append(String.format(
                Locale.ROOT, "%nentries added: %d%n", report.added().size()));
        for (MemoryEntry entry : report.added()) {
            out.append("  ")
                    .append(entry.id())
                    .append(": ")
                    .append(entry.rule())
                    .append('\n');
        }
        if (!report.validated().isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "workers validated (routed wherever their cards match): %s%n",
                    String.join(
                            ", ",
                            report.validated().stream().map(AgentId::value).toList())));
        }
        return out.toString();
    }

    /** Fewer warm-up tasks than this a new worker (or scored by the gate) is too few to tell a difference from chance. */
    public static final int FEW_TASKS = 10;

    /**
     * A one-line warning when a round decided on almost no evidence (fewer than {@value #FEW_TASKS} warm-up tasks for a
     * new worker, or fewer scored by the gate): what the gate could see and what it could not. Empty otherwise.
     */
    public static java.util.Optional<String> thinEvidence(RoundReport report) {
        return thinEvidence(report, "--warmup-tasks").map(line -> "monoscale: warning: " + line);
    }

    /**
     * The warning of {@link #thinEvidence(RoundReport)} without the CLI's prefix, advising to raise {@code setting}
     * (the flag, or the service's request field): the service puts it in the job and its log.
     */
    public static java.util.Optional<String> thinEvidence(RoundReport report, String setting) {
        java.util.List<String> thin = report.workers().stream()
                .filter(w -> w.warmupTasks() < FEW_TASKS)
                .map(w -> w.worker() + " " + w.warmupTasks())
                .toList();
        int evaluated = report.gate().evaluationTasks();
        if (thin.isEmpty() && evaluated >= FEW_TASKS && !report.workers().isEmpty()) {
            return java.util.Optional.empty();
        }
        String perWorker = report.workers().isEmpty()
                ? "no new worker was probed"
                : "per new worker: "
                        + String.join(
                                ", ",
                                report.workers().stream()
                                        .map(w -> w.worker() + " " + w.warmupTasks())
                                        .toList());
        // the confirm rule also confirms on tasks from the incumbents' cards, which no new worker is charged with
        int incumbents = report.warmupTasks()
                - report.workers().stream()
                        .mapToInt(RoundReport.WorkerReport::warmupTasks)
                        .sum();
        if (incumbents > 0) {
            perWorker += "; from the incumbents' cards " + incumbents;
        }
        return java.util.Optional.of(String.format(
                Locale.ROOT,
                "round %s decided on little evidence: %d warm-up task(s) (%s), %d scored by the gate;"
                        + " it saw only those tasks' patterns and cannot tell a better or worse worker from chance with fewer"
                        + " than %d a worker, so its verdict (%s) says little; raise %s",
                report.version(),
                report.warmupTasks(),
                perWorker,
                evaluated,
                FEW_TASKS,
                report.gate().outcome().name().toLowerCase(Locale.ROOT),
                setting));
    }

    public static ObjectNode tree(RoundReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", report.version().toString());
        root.put("outcome", report.gate().outcome().name().toLowerCase(Locale.ROOT));
        root.put("reason", report.gate().reason());
        root.put("warmupTasks", report.warmupTasks());
        root.put("warmupCalls", report.warmupCalls());
        ArrayNode workers = root.putArray("workers");
        for (RoundReport.WorkerReport worker : report.workers()) {
            ObjectNode w = workers.addObject();
            w.put("worker", worker.worker().value());
            w.put("warmupTasks", worker.warmupTasks());
            ArrayNode patterns = w.putArray("patterns");
            for (RoundReport.PatternReport p : worker.patterns()) {
                ObjectNode n = patterns.addObject();
                n.put("pattern", p.pattern());
                n.put("example", p.example());
                n.put("tasks", p.tasks());
                n.put("successes", p.successes());
                n.put("trials", p.trials());
                n.putArray("ci95").add(round(p.ciLow())).add(round(p.ciHigh()));
                n.put("incumbent", p.incumbent());
                n.put("incumbentSuccesses", p.incumbentSuccesses());
                n.put("incumbentTrials", p.incumbentTrials());
            }
        }
        root.set("gate", MemoryJson.gate(report.gate(), MemoryJson.Numbers.ROUNDED));
        ArrayNode added = root.putArray("added");
        report.added().forEach(entry -> added.add(MemoryJson.entry(entry, MemoryJson.Numbers.ROUNDED)));
        ArrayNode validated = root.putArray("validated");
        report.validated().forEach(id -> validated.add(id.value()));
        return root;
    }

    public static String json(RoundReport report) {
        return ReportJson.write(tree(report));
    }

    static java.math.@Nullable BigDecimal round(double x) {
        return ReportJson.round(x);
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
