package dev.monoscale.core;

import java.time.Duration;

/** What came back from one worker call. A failure is a value to learn from, never an exception. */
public sealed interface WorkerReply {

    /**
     * How long the call took.
     *
     * @return the call's wall time
     */
    Duration latency();

    /** What the call cost, in the world's unit (dollars for real models, abstract units in the simulation). */
    double cost();

    /**
     * A text answer that took no measured time and cost nothing: for a worker written in code.
     *
     * @param content the answer
     * @return the reply
     */
    static WorkerReply answered(String content) {
        return new Answered(content, "text", Duration.ZERO, 0);
    }

    /**
     * A failure that took no measured time and cost nothing: for a worker written in code.
     *
     * @param kind how the call failed
     * @param message why, in a few words
     * @return the reply
     */
    static WorkerReply failed(FailureKind kind, String message) {
        return new Failed(kind, message, Duration.ZERO, 0);
    }

    record Answered(String content, String format, Duration latency, double cost) implements WorkerReply {}

    record Failed(FailureKind kind, String message, Duration latency, double cost) implements WorkerReply {}
}
