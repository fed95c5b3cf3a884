package dev.monoscale.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.memory.GateRecord;
import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.memory.RoutingMemory;
import dev.monoscale.memory.WorkerGuidance;
import java.util.Locale;

/** JSON views of memory for the CLI's {@code --format json}. */
final class Memories {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Memories() {}

    static ObjectNode entryTree(MemoryEntry entry) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("id", entry.id().value());
        e.put("pattern", entry.pattern());
        e.put("rule", entry.rule());
        ArrayNode guidance = e.putArray("guidance");
        for (WorkerGuidance g : entry.guidance()) {
            ObjectNode n = guidance.addObject();
            n.put("worker", g.worker().value());
            n.put("stance", g.stance().name().toLowerCase(Locale.ROOT));
            if (!g.afterWorkers().isEmpty()) {
                ArrayNode after = n.putArray("afterWorkers");
                g.afterWorkers().forEach(id -> after.add(id.value()));
            }
        }
        ObjectNode evidence = e.putObject("evidence");
        evidence.put("successes", entry.evidence().successes());
        evidence.put("trials", entry.evidence().trials());
        ArrayNode traces = evidence.putArray("traces");
        entry.evidence().traces().forEach(traces::add);
        e.put("confidence", RoundReports.round(entry.confidence()));
        return e;
    }

    static ObjectNode gateTree(GateRecord gate) {
        ObjectNode g = MAPPER.createObjectNode();
        g.put("outcome", gate.outcome().name().toLowerCase(Locale.ROOT));
        g.put("reason", gate.reason());
        ArrayNode onboarded = g.putArray("onboarded");
        gate.onboarded().forEach(id -> onboarded.add(id.value()));
        g.put("delta", RoundReports.round(gate.delta()));
        g.put("alpha", RoundReports.round(gate.alpha()));
        g.put("evaluationTasks", gate.evaluationTasks());
        ArrayNode candidates = g.putArray("candidates");
        for (GateRecord.CandidateScore c : gate.candidates()) {
            ObjectNode n = candidates.addObject();
            n.put("name", c.name());
            n.put("entries", c.entries());
            n.put("gain", RoundReports.round(c.gain()));
            n.putArray("gainInterval").add(RoundReports.round(c.gainLow())).add(RoundReports.round(c.gainHigh()));
            n.put("kl", RoundReports.round(c.kl()));
            n.put("withinTrustRegion", c.withinTrustRegion());
        }
        gate.chosen().ifPresent(c -> g.put("chosen", c));
        gate.test().ifPresent(test -> {
            ObjectNode t = g.putObject("test");
            t.put("candidate", test.candidate());
            t.put("look", test.look());
            t.put("looks", test.looks());
            t.put("tasks", test.tasks());
            t.put("gain", RoundReports.round(test.gain()));
            t.put("lowerBound", RoundReports.round(test.lowerBound()));
            t.put("level", RoundReports.round(test.level()));
        });
        return g;
    }

    static ObjectNode memoryTree(RoutingMemory memory) {
        ObjectNode m = MAPPER.createObjectNode();
        m.put("version", memory.version().toString());
        m.put("parent", memory.parent() == null ? null : memory.parent().toString());
        m.put("createdAt", memory.createdAt().toString());
        ArrayNode validated = m.putArray("validated");
        memory.validated().forEach(id -> validated.add(id.value()));
        m.set("gate", gateTree(memory.gate()));
        ArrayNode entries = m.putArray("entries");
        memory.entries().forEach(entry -> entries.add(entryTree(entry)));
        return m;
    }
}
