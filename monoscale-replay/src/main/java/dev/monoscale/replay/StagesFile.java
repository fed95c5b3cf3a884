package dev.monoscale.replay;

import static dev.monoscale.replay.Parsing.abbreviate;
import static dev.monoscale.replay.Parsing.quote;
import static dev.monoscale.replay.Parsing.readJsonFile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.core.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stages file: {@code {"stages": [{"added": [model, ...]}, ...]}}, pools cumulative. A stage needs only
 * {@code added}; the anchors the shipped datasets publish beside it ({@code random_router},
 * {@code best_single_chosen_on_dev}, {@code category_router_fit_on_dev}, {@code oracle}) are optional, checked when
 * present, and never used by the benchmark, which computes its own ({@link ReplayAnchors}).
 */
final class StagesFile {

    /** The anchor fields a stage may publish; with any of them, all must be there. */
    static final List<String> ANCHOR_FIELDS =
            List.of("random_router", "best_single_chosen_on_dev", "category_router_fit_on_dev", "oracle");

    private StagesFile() {}

    /** The stages of {@code file} over the dataset's models; anchors are read when the stage publishes them. */
    static List<ReplayStage> read(Path file, String dataset, List<String> models) {
        JsonNode stagesNode = readJsonFile(file).get("stages");
        if (stagesNode == null || !stagesNode.isArray() || stagesNode.isEmpty()) {
            throw new InvalidInputException(file.toString(), "stages",
                    stagesNode == null ? "(missing)" : abbreviate(stagesNode.toString()), "a non-empty array of stages");
        }
        String allowed = "a model of " + dataset + ": " + String.join(", ", models);
        List<ReplayStage> stages = new ArrayList<>();
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < stagesNode.size(); i++) {
            JsonNode stage = stagesNode.get(i);
            String where = "stages[" + i + "]";
            JsonNode added = stage.get("added");
            if (added == null || !added.isArray() || added.isEmpty()) {
                throw new InvalidInputException(file.toString(), where + ".added",
                        added == null ? "(missing)" : abbreviate(added.toString()), "a non-empty array of model names");
            }
            List<String> names = new ArrayList<>();
            for (int j = 0; j < added.size(); j++) {
                JsonNode model = added.get(j);
                String modelName = model.isTextual() ? model.textValue() : null;
                if (modelName == null || !models.contains(modelName)) {
                    throw new InvalidInputException(file.toString(), where + ".added[" + j + "]",
                            modelName == null ? abbreviate(model.toString()) : quote(modelName), allowed);
                }
                if (pool.contains(modelName) || names.contains(modelName)) {
                    throw new InvalidInputException(file.toString(), where + ".added[" + j + "]", quote(modelName),
                            "a model not already in the pool " + pool);
                }
                names.add(modelName);
            }
            pool.addAll(names);
            if (stage.isObject() && ANCHOR_FIELDS.stream().noneMatch(stage::has)) {
                stages.add(new ReplayStage(i, names, Optional.empty()));
                continue;
            }
            JsonNode best = stage.get("best_single_chosen_on_dev");
            if (best == null || !best.isArray() || best.size() != 2 || !best.get(0).isTextual()
                    || !pool.contains(best.get(0).textValue())) {
                throw new InvalidInputException(file.toString(), where + ".best_single_chosen_on_dev",
                        best == null ? "(missing)" : abbreviate(best.toString()),
                        "[model, score] with a model of the pool " + pool + ", or no anchor field at all");
            }
            Anchors anchors = new Anchors(
                    unit(file, where + ".random_router", stage.get("random_router")),
                    best.get(0).textValue(),
                    unit(file, where + ".best_single_chosen_on_dev[1]", best.get(1)),
                    unit(file, where + ".category_router_fit_on_dev", stage.get("category_router_fit_on_dev")),
                    unit(file, where + ".oracle", stage.get("oracle")));
            stages.add(new ReplayStage(i, names, Optional.of(anchors)));
        }
        return stages;
    }

    private static double unit(Path file, String field, JsonNode value) {
        double number = value != null && value.isNumber() ? value.doubleValue() : Double.NaN;
        if (!(number >= 0.0 && number <= 1.0)) {
            throw new InvalidInputException(file.toString(), field,
                    value == null ? "(missing)" : abbreviate(value.toString()), "a number in [0, 1]");
        }
        return number;
    }
}
