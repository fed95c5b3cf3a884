package dev.monoscale.core;

/** How a worker call failed. A wrong but well-formed answer is not a failure here: the checker finds it. */
public enum FailureKind {
    /** the worker reported an error, such as a broken tool */
    ERROR,
    /** the worker did not answer within the deadline */
    TIMEOUT,
    /** the worker refused the call: an input it cannot read, or the caller's credentials */
    REJECTED,
    /** the worker could not be reached, or its circuit breaker is open */
    UNAVAILABLE
}
