package dev.monoscale.app.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.bench.ReportJson;
import dev.monoscale.core.StepDecision;
import dev.monoscale.core.WorkerScore;
import java.util.Comparator;

/**
 * A routing decision as JSON: the memory version it was made with and, per step, the chosen worker, the full
 * distribution over the pool (most likely first) and why each worker scored as it did (the card terms and memory
 * entries that moved it).
 */
public final class RouteViews {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RouteViews() {}

    public static ObjectNode tree(LiveRouter.Routed routed) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("memoryVersion", routed.memory().version().toString());
        n.put("task", routed.plan().task().value());
        ArrayNode steps = n.putArray("steps");
        for (StepDecision decision : routed.plan().steps()) {
            ObjectNode step = steps.addObject();
            step.put("step", decision.step().index() + 1);
            step.put("text", decision.step().text());
            step.put("worker", decision.worker().value());
            step.put("probability", ReportJson.round(decision.policy().probability(decision.worker())));
            ArrayNode distribution = step.putArray("distribution");
            decision.scores().stream()
                    .sorted(Comparator.comparingDouble(WorkerScore::probability).reversed())
                    .forEach(s -> {
                        ObjectNode w = distribution.addObject();
                        w.put("worker", s.worker().value());
                        w.put("probability", ReportJson.round(s.probability()));
                        if (s.score() == Double.NEGATIVE_INFINITY) {
                            w.put("masked", true);
                        } else {
                            w.put("score", ReportJson.round(s.score()));
                        }
                        s.because().forEach(w.putArray("because")::add);
                    });
        }
        return n;
    }
}
