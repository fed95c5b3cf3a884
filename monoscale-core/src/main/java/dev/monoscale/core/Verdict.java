package dev.monoscale.core;

/**
 * A checker's judgement of a task's answer, with its score and its reward r(x, y).
 *
 * <p>The score is how good the answer is, in [0, 1]: 1 when it passed and 0 otherwise for a pass/fail checker, a
 * fraction for a graded one ({@link #graded}). The reward is what MonoScale learns and decides on: the score,
 * unless the checker weighs something else in, such as the cost of the calls; then it is any finite number.
 *
 * @param passed the checker's pass/fail verdict (for a graded answer, whether its score reached the pass mark)
 * @param score the answer's score in [0, 1]
 */
public record Verdict(boolean passed, String reason, double reward, double score) {

    public Verdict {
        if (!Double.isFinite(reward)) {
            throw new IllegalArgumentException("reward must be finite, was " + reward);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }

    /** A verdict whose score is the pass (1 or 0) and whose reward is {@code reward}. */
    public Verdict(boolean passed, String reason, double reward) {
        this(passed, reason, reward, passed ? 1 : 0);
    }

    /** A pass/fail verdict: the score and the reward are 1 when it passed, 0 otherwise. */
    public Verdict(boolean passed, String reason) {
        this(passed, reason, passed ? 1 : 0);
    }

    /**
     * A pass: score and reward 1.
     *
     * @param reason why, for people
     * @return the verdict
     */
    public static Verdict pass(String reason) {
        return new Verdict(true, reason);
    }

    /**
     * A fail: score and reward 0.
     *
     * @param reason why, for people
     * @return the verdict
     */
    public static Verdict fail(String reason) {
        return new Verdict(false, reason);
    }

    /** A verdict whose reward is not just the pass, such as the pass less the weighted cost of the calls. */
    public static Verdict scored(boolean passed, double reward, String reason) {
        return new Verdict(passed, reason, reward);
    }

    /**
     * A graded verdict: the answer's score in [0, 1] and the reward learnt from it (the score itself, or the score
     * less the weighted cost of the calls).
     */
    public static Verdict graded(boolean passed, double score, double reward, String reason) {
        return new Verdict(passed, reason, reward, score);
    }

    /** Whether the reward is the pass itself (1 or 0): what the plain pass/fail wording of memory rules describes. */
    public boolean rewardIsPass() {
        return reward == (passed ? 1 : 0) && score == reward;
    }
}
