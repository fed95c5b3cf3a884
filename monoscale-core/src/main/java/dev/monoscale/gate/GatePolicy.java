package dev.monoscale.gate;

/** Whether a round's memory update must pass the trust-region gate. */
public enum GatePolicy {
    /** The product: an update is kept only inside the trust region and with a gain whose lower bound is above 0. */
    GATED,
    /** The ablation of the benchmarks ({@code --no-gate}): the widest candidate is kept whatever its numbers. */
    UNGATED
}
