package dev.monoscale.replay;

import java.util.List;

/**
 * One step of a dataset's recommended pool expansion: the models that join at this stage (pools are cumulative)
 * and the anchors the dataset's authors published for the pool so far.
 *
 * @param index 0 for the first stage
 */
public record ReplayStage(int index, List<String> added, Anchors anchors) {

    public ReplayStage {
        if (index < 0) {
            throw new IllegalArgumentException("stage index must be >= 0, was " + index);
        }
        added = List.copyOf(added);
        if (added.isEmpty()) {
            throw new IllegalArgumentException("stage " + index + " adds no model");
        }
    }
}
