package dev.monoscale.a2a;

/** What an A2A agent answered to a send or a task poll, in either protocol version. */
sealed interface A2aOutcome {

    /** The text of the answer: a message's text parts, or a task's artifacts (else its status message). */
    String text();

    /** A direct reply: no task was made. */
    record Message(String text) implements A2aOutcome {}

    /** A task, perhaps still working. */
    record Task(String id, A2aTaskState state, String text) implements A2aOutcome {}
}
