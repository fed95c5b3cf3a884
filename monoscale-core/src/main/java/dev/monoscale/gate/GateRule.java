package dev.monoscale.gate;

/** Which rule decides an onboarding round (docs/gate.md). */
public enum GateRule {
    /**
     * Warm up in batches (looks); after each, cut the candidates distilled from the selection half of the warm-up
     * tasks into units (their entries per change), choose on the selection half, test the chosen units on the
     * held-out half with Holm's procedure, spending alpha across the looks; stop at the first passed test or when
     * nothing can pass. Accepts a harmful update with probability at most alpha (docs/gate.md).
     */
    HOLDOUT,
    /**
     * The default. Choose on half of every new worker's warm-up tasks (each pattern of them parted evenly between the
     * halves) as the legacy rule does; then confirm the choice
     * with the rest of the budget, on other tasks drawn from the whole pool's cards, by running, at each task where a
     * chosen memory's plan differs from the lift's, both plans (half the samples each) and testing the mean paired
     * difference in looks, spending alpha across them. Accepts a harmful update with probability at most alpha
     * (docs/gate.md).
     */
    CONFIRM,
    /**
     * The first version's rule, and its default: the whole budget at once, every candidate scored and tested on the
     * data it was distilled from, the largest gain with a bootstrap lower bound above zero accepted. It has no
     * guarantee, since the selection and the test reuse the same evidence; {@code bench gate} measures what that
     * costs, and docs/gate.md says why the default is now the confirm rule.
     */
    LEGACY;

    /**
     * The rule named {@code name} (legacy, holdout or confirm, in any case).
     *
     * @param source where the name came from, for the error (a flag, a request field)
     * @throws InvalidInputException naming {@code source} when no rule has that name
     */
    public static GateRule parse(String source, String name) {
        for (GateRule rule : values()) {
            if (rule.name().equalsIgnoreCase(name.strip())) {
                return rule;
            }
        }
        throw new dev.monoscale.core.InvalidInputException(
                source, "gate rule", "'" + name + "'", "legacy, holdout or confirm");
    }
}
