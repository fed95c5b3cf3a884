package dev.monoscale.gate;

/** Which rule decides an onboarding round (docs/gate.md). */
public enum GateRule {
    /**
     * The default: warm up in batches (looks); choose a candidate on the selection half of the warm-up tasks, test
     * it alone on the held-out half, spend alpha across the looks; stop at the first passed test or when no candidate
     * can be chosen. Accepts a harmful candidate with probability at most alpha.
     */
    HOLDOUT,
    /**
     * The first version's rule, kept for comparison ({@code bench gate}): the whole budget at once, every candidate
     * scored and tested on the data it was distilled from, the largest gain with a bootstrap lower bound above zero
     * accepted. It has no guarantee: the selection and the test reuse the same evidence.
     */
    LEGACY
}
