package dev.monoscale.core;

/** A checker's judgement of a task's answer; the reward r(x, y) is 1 when it passed, 0 otherwise. */
public record Verdict(boolean passed, String reason) {

    public static Verdict pass(String reason) {
        return new Verdict(true, reason);
    }

    public static Verdict fail(String reason) {
        return new Verdict(false, reason);
    }

    public double reward() {
        return passed ? 1 : 0;
    }
}
