package dev.monoscale.a2a;

import dev.monoscale.core.FailureKind;

/** A call to an A2A agent that got no usable answer; {@link #kind()} says how it failed. */
final class A2aCallException extends Exception {

    private final FailureKind kind;

    public A2aCallException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public A2aCallException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
