package dev.monoscale.replay;

import java.util.List;
import java.util.Optional;

/**
 * One step of a dataset's pool expansion: the models that join at this stage (pools are cumulative) and, when the
 * stages file publishes them, the anchors its authors computed for the pool so far.
 *
 * @param index 0 for the first stage
 * @param published the anchors the stages file gives for this pool; empty when it gives only {@code added}
 */
public record ReplayStage(int index, List<String> added, Optional<Anchors> published) {

    public ReplayStage {
        if (index < 0) {
            throw new IllegalArgumentException("stage index must be >= 0, was " + index);
        }
        added = List.copyOf(added);
        if (added.isEmpty()) {
            throw new IllegalArgumentException("stage " + index + " adds no model");
        }
    }

    public ReplayStage(int index, List<String> added, Anchors anchors) {
        this(index, added, Optional.of(anchors));
    }

    /**
     * The published anchors.
     *
     * @throws IllegalStateException if the stages file gave none for this stage; {@link ReplayAnchors#of} computes them
     */
    public Anchors anchors() {
        return published.orElseThrow(() -> new IllegalStateException(
                "stage " + index + " publishes no anchors; compute them with ReplayAnchors.of"));
    }
}
