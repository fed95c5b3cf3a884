package dev.monoscale.core;

/**
 * A checker's judgement of a task's answer, with its reward r(x, y): 1 when it passed and 0 otherwise, unless the
 * checker weighs something else in, such as the cost of the calls ({@link #scored}); then it is any finite number.
 */
public record Verdict(boolean passed, String reason, double reward) {

    public Verdict {
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, was " + reward);
        }
    }

    /** A pass/fail verdict: the reward is 1 when it passed, 0 otherwise. */
    public Verdict(boolean passed, String reason) {
        this(passed, reason, passed ? 1 : 0);
    }

    public static Verdict pass(String reason) {
        return new Verdict(true, reason);
    }

    public static Verdict fail(String reason) {
        return new Verdict(false, reason);
    }

    /** A verdict whose reward is not just the pass, such as the pass less the weighted cost of the calls. */
    public static Verdict scored(boolean passed, double reward, String reason) {
        return new Verdict(passed, reason, reward);
    }
}
