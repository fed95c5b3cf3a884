package dev.monoscale.core;

import java.time.Duration;

/** What came back from one worker call. A failure is a value to learn from, never an exception. */
public sealed interface WorkerReply {

    Duration latency();

    /** What the call cost, in the world's unit (dollars for real models, abstract units in the simulation). */
    double cost();

    record Answered(String content, String format, Duration latency, double cost) implements WorkerReply {}

    record Failed(FailureKind kind, String message, Duration latency, double cost) implements WorkerReply {}
}
