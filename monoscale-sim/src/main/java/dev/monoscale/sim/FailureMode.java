package dev.monoscale.sim;

import java.util.List;
import java.util.Optional;

/**
 * A way a simulated worker goes wrong, written in its hidden profile. The router never sees these; it can
 * only learn them from evidence.
 */
public sealed interface FailureMode {

    /** The card claims {@code skills}, but the worker succeeds on them only with probability {@code success}. */
    record ExaggeratedCard(List<String> skills, double success) implements FailureMode {
        public ExaggeratedCard {
            skills = List.copyOf(skills);
        }
    }

    /** Every call on {@code skill} fails with an error, whatever the input. */
    record BrokenTool(String skill) implements FailureMode {}

    /**
     * A share {@code rate} of otherwise correct answers on {@code skill} (every skill when empty) are wrong
     * without any sign of it: only the checker finds out.
     */
    record SilentWrongAnswer(Optional<String> skill, double rate) implements FailureMode {}

    /**
     * The worker refuses input produced by one of {@code fromWorkers} or in one of {@code formats}: a broken
     * handoff in a chain, while it works alone.
     */
    record InterfaceConstraint(List<String> fromWorkers, List<String> formats) implements FailureMode {
        public InterfaceConstraint {
            fromWorkers = List.copyOf(fromWorkers);
            formats = List.copyOf(formats);
        }
    }

    /** A share {@code rate} of calls time out, on any skill. */
    record FlakyTimeout(double rate) implements FailureMode {}

    /** The card claims everything; on every skill its profile does not name, the worker succeeds with {@code success}. */
    record OverClaimingGeneralist(double success) implements FailureMode {}
}
