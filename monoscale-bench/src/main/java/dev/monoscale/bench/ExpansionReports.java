package dev.monoscale.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.core.AgentId;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Renders an {@link ExpansionReport} as JSON for machines and as a table for people. Both are byte-for-byte
 * reproducible: numbers are rounded to four places and nothing depends on the clock or the locale.
 */
public final class ExpansionReports {

    private static final ObjectMapper MAPPER = ReportJson.MAPPER;

    private ExpansionReports() {}

    /**
     * The JSON form: {@code {"world", "seeds", "tasksPerStage", "stages": [{"stage", "poolSize", "added",
     * "methods": {name: {"accuracy", "ci95": [low, high], ...}}}], "violations": {name: n}}}.
     */
    public static String json(ExpansionReport report) {
        return ReportJson.write(node(report));
    }

    /** The JSON form as a tree, for documents that hold several reports. */
    public static ObjectNode node(ExpansionReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("world", report.world());
        ArrayNode seeds = root.putArray("seeds");
        report.seeds().forEach(seeds::add);
        root.put("tasksPerStage", report.tasksPerStage());
        report.cost().ifPresent(cost -> {
            root.put("costWeight", BigDecimal.valueOf(cost.weight()));
            root.put("costUnit", cost.unit());
        });
        ArrayNode stages = root.putArray("stages");
        for (ExpansionReport.StageResult stage : report.stages()) {
            ObjectNode s = stages.addObject();
            s.put("stage", stage.stage());
            s.put("poolSize", stage.poolSize());
            ArrayNode added = s.putArray("added");
            stage.added().forEach(id -> added.add(id.value()));
            ObjectNode methods = s.putObject("methods");
            for (Map.Entry<String, ExpansionReport.MethodResult> e :
                    stage.methods().entrySet()) {
                ExpansionReport.MethodResult r = e.getValue();
                ObjectNode m = methods.putObject(e.getKey());
                m.put("accuracy", round(r.accuracy()));
                ArrayNode ci = m.putArray("ci95");
                ci.add(round(r.ci95Low()));
                ci.add(round(r.ci95High()));
                m.put("passed", r.passed());
                m.put("trials", r.trials());
                m.put("meanCost", round(r.meanCost()));
                report.cost().ifPresent(cost -> {
                    m.put("cost", significant(r.meanCost()));
                    m.put("reward", significant(cost.reward(r)));
                });
                m.put("warmupTasks", r.warmupTasks());
                m.put("warmupCalls", r.warmupCalls());
                m.put("labelledInteractions", r.labelled());
                if (!r.verdicts().isEmpty()) {
                    ArrayNode verdicts = m.putArray("verdicts");
                    r.verdicts().forEach(verdicts::add);
                }
            }
        }
        ObjectNode violations = root.putObject("violations");
        report.methods().forEach(method -> violations.put(method, report.violations(method)));
        return root;
    }

    /** Reads back the JSON form, as later tools (charts, comparisons) do. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an expansion report: " + e.getOriginalMessage(), e);
        }
    }

    /** The table form: one row per stage, one column per method, accuracy with its 95% interval. */
    public static String table(ExpansionReport report) {
        List<String> methods = report.methods();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "world %s, seeds %s, %d held-out tasks per seed%n",
                report.world(),
                seedRange(report.seeds()),
                report.tasksPerStage()));
        report.cost()
                .ifPresent(cost -> out.append(String.format(
                        Locale.ROOT,
                        "cost weight %s per %s: each cell is accuracy [95%% interval], mean cost per question, mean reward"
                                + " (accuracy - weight x cost)%n",
                        BigDecimal.valueOf(cost.weight()).toPlainString(),
                        cost.unit())));
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("stage", "pool", "joined"));
        header.addAll(methods);
        rows.add(header);
        for (ExpansionReport.StageResult stage : report.stages()) {
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(stage.stage()));
            row.add(Integer.toString(stage.poolSize()));
            row.add(stage.added().stream().map(AgentId::value).collect(Collectors.joining(" ")));
            for (String method : methods) {
                ExpansionReport.MethodResult r =
                        Objects.requireNonNull(stage.methods().get(method));
                String cell = String.format(Locale.ROOT, "%.3f [%.3f,%.3f]", r.accuracy(), r.ci95Low(), r.ci95High());
                if (report.cost().isPresent()) {
                    cell += String.format(
                            Locale.ROOT,
                            " c=%s r=%.3f",
                            significant(r.meanCost()).toPlainString(),
                            report.cost().get().reward(r));
                }
                row.add(cell);
            }
            rows.add(row);
        }
        List<String> footer = new ArrayList<>(List.of("falls", "", "beyond interval"));
        methods.forEach(method -> footer.add(Integer.toString(report.violations(method))));
        rows.add(footer);
        int[] widths = new int[header.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            if (r == rows.size() - 1 || r == 1) {
                out.append(rule(widths)).append('\n');
            }
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row.get(i)));
                if (i < row.size() - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String rule(int[] widths) {
        int total = 0;
        for (int w : widths) {
            total += w + 2;
        }
        return "-".repeat(total - 2);
    }

    private static String seedRange(List<Long> seeds) {
        boolean contiguous = true;
        for (int i = 1; i < seeds.size(); i++) {
            contiguous &= seeds.get(i) == seeds.get(i - 1) + 1;
        }
        return contiguous && seeds.size() > 2
                ? seeds.getFirst() + ".." + seeds.getLast()
                : seeds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static @Nullable BigDecimal round(double x) {
        return ReportJson.round(x);
    }

    /** {@code x} to four significant digits, for costs whose scale depends on the dataset's unit. */
    private static BigDecimal significant(double x) {
        return new BigDecimal(x, new java.math.MathContext(4)).stripTrailingZeros();
    }
}
