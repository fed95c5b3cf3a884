package dev.monoscale.memory;

/** What a memory entry says about one worker on the entry's task pattern. */
public enum Stance {
    /** send matching steps to this worker: it is clearly better than the incumbent there */
    PREFER,
    /** keep matching steps away from this worker: it fails them */
    AVOID,
    /** keep matching steps away from this worker only behind certain handoffs */
    CONSTRAIN
}
