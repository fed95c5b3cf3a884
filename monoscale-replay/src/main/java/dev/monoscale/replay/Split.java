package dev.monoscale.replay;

/** Which half of a replay dataset a question belongs to: dev feeds warm-up and fitting, test is held out. */
public enum Split {
    DEV,
    TEST
}
