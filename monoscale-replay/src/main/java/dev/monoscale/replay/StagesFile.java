package dev.monoscale.replay;

import static dev.monoscale.replay.Parsing.readJsonFile;

import dev.monoscale.cards.JsonField;
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
        List<JsonField> stagesNode = JsonField.root(file.toString(), readJsonFile(file))
                .get("stages")
                .nonEmptyArray("a non-empty array of stages");
        String allowed = "a model of " + dataset + ": " + String.join(", ", models);
        List<ReplayStage> stages = new ArrayList<>();
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < stagesNode.size(); i++) {
            JsonField stage = stagesNode.get(i);
            List<String> names = new ArrayList<>();
            for (JsonField model : stage.get("added").nonEmptyArray("a non-empty array of model names")) {
                String modelName = model.string(allowed);
                if (!models.contains(modelName)) {
                    throw model.invalid(allowed);
                }
                if (pool.contains(modelName) || names.contains(modelName)) {
                    throw model.invalid("a model not already in the pool " + pool);
                }
                names.add(modelName);
            }
            pool.addAll(names);
            if (stage.value().isObject() && ANCHOR_FIELDS.stream().noneMatch(stage.value()::has)) {
                stages.add(new ReplayStage(i, names, Optional.empty()));
                continue;
            }
            JsonField best = stage.get("best_single_chosen_on_dev");
            String bestAllowed = "[model, score] with a model of the pool " + pool + ", or no anchor field at all";
            List<JsonField> pair = best.array(bestAllowed);
            if (pair.size() != 2
                    || !pair.get(0).value().isTextual()
                    || !pool.contains(pair.get(0).value().textValue())) {
                throw best.invalid(bestAllowed);
            }
            Anchors anchors = new Anchors(
                    unit(stage.get("random_router")),
                    pair.get(0).value().textValue(),
                    unit(pair.get(1)),
                    unit(stage.get("category_router_fit_on_dev")),
                    unit(stage.get("oracle")));
            stages.add(new ReplayStage(i, names, Optional.of(anchors)));
        }
        return stages;
    }

    private static double unit(JsonField field) {
        return field.number(0, 1, "a number in [0, 1]");
    }
}
