package dev.monoscale.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.core.AgentId;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryDiff;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import dev.monoscale.store.MemoryJson;
import java.util.Locale;
import java.util.stream.Collectors;

/** How memory versions look in the terminal and as JSON. */
public final class MemoryViews {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MemoryViews() {}

    public static String logLine(RoutingMemory memory) {
        GateRecord gate = memory.gate();
        return String.format(
                Locale.ROOT,
                "%-4s %-9s %3d entries  %s  %s%s",
                memory.version(),
                gate.outcome().name().toLowerCase(Locale.ROOT),
                memory.entries().size(),
                memory.createdAt(),
                gate.onboarded().isEmpty()
                        ? ""
                        : "onboarded "
                                + gate.onboarded().stream().map(AgentId::value).collect(Collectors.joining(", "))
                                + ": ",
                gate.reason());
    }

    public static ObjectNode summary(RoutingMemory memory) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("version", memory.version().toString());
        n.put("parent", memory.parent() == null ? null : memory.parent().toString());
        n.put("outcome", memory.gate().outcome().name().toLowerCase(Locale.ROOT));
        n.put("entries", memory.entries().size());
        n.put("createdAt", memory.createdAt().toString());
        n.put("reason", memory.gate().reason());
        return n;
    }

    public static String text(RoutingMemory memory) {
        StringBuilder out = new StringBuilder();
        out.append(logLine(memory)).append('\n');
        out.append("validated: ")
                .append(memory.validated().stream().map(AgentId::value).collect(Collectors.joining(", ")))
                .append('\n');
        GateRecord gate = memory.gate();
        if (!gate.candidates().isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "gate: delta %.2f, alpha %.2f, %d evaluation tasks%n",
                    gate.delta(),
                    gate.alpha(),
                    gate.evaluationTasks()));
            for (GateRecord.CandidateScore c : gate.candidates()) {
                out.append(String.format(
                        Locale.ROOT,
                        "  %s %-17s %3d entries  gain %.4f [%.4f, %.4f]  KL %.3f%s%n",
                        gate.chosen().filter(c.name()::equals).isPresent() ? "*" : " ",
                        c.name(),
                        c.entries(),
                        c.gain(),
                        c.gainLow(),
                        c.gainHigh(),
                        c.kl(),
                        c.withinTrustRegion() ? "" : " (outside the trust region)"));
            }
            gate.test()
                    .ifPresent(test -> out.append(String.format(
                            Locale.ROOT,
                            "held-out test of '%s' at look %d of %d: gain %.4f over %d tasks, lower bound %.4f at level %.4f%n",
                            test.candidate(),
                            test.look(),
                            test.looks(),
                            test.gain(),
                            test.tasks(),
                            test.lowerBound(),
                            test.level())));
        }
        out.append(String.format(Locale.ROOT, "entries: %d%n", memory.entries().size()));
        for (MemoryEntry entry : memory.entries()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%n%s (confidence %.2f)%n  pattern: %s%n  rule:    %s%n  workers: %s%n  evidence: %d of %d passed; %s%n",
                    entry.id(),
                    entry.confidence(),
                    entry.pattern(),
                    entry.rule(),
                    entry.guidance().stream().map(MemoryViews::guidance).collect(Collectors.joining("; ")),
                    entry.evidence().successes(),
                    entry.evidence().trials(),
                    cite(entry)));
        }
        return out.toString();
    }

    public static ObjectNode tree(RoutingMemory memory) {
        return MemoryJson.tree(memory, MemoryJson.Numbers.ROUNDED);
    }

    public static ObjectNode tree(MemoryDiff diff) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("from", diff.from().toString());
        n.put("to", diff.to().toString());
        ArrayNode added = n.putArray("added");
        diff.added().forEach(e -> added.add(MemoryJson.entry(e, MemoryJson.Numbers.ROUNDED)));
        ArrayNode removed = n.putArray("removed");
        diff.removed().forEach(e -> removed.add(MemoryJson.entry(e, MemoryJson.Numbers.ROUNDED)));
        ArrayNode changed = n.putArray("changed");
        diff.changed().forEach(e -> changed.add(MemoryJson.entry(e, MemoryJson.Numbers.ROUNDED)));
        ArrayNode validated = n.putArray("validated");
        diff.validated().forEach(id -> validated.add(id.value()));
        ArrayNode unvalidated = n.putArray("unvalidated");
        diff.unvalidated().forEach(id -> unvalidated.add(id.value()));
        return n;
    }

    private static String guidance(WorkerGuidance g) {
        String stance = g.stance().name().toLowerCase(Locale.ROOT) + " " + g.worker();
        return g.afterWorkers().isEmpty()
                ? stance
                : stance + " after "
                        + g.afterWorkers().stream().map(AgentId::value).collect(Collectors.joining(", "));
    }

    private static String cite(MemoryEntry entry) {
        var traces = entry.evidence().traces();
        return traces.size() <= 4
                ? "traces " + String.join(", ", traces)
                : "traces " + String.join(", ", traces.subList(0, 4)) + " and " + (traces.size() - 4) + " more";
    }
}
