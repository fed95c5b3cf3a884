package dev.monoscale.core;

/** Base of every exception MonoScale throws on purpose; the CLI prints its message as one line. */
public class MonoscaleException extends RuntimeException {

    /**
     * An exception whose message is the one line a user reads.
     *
     * @param message one line naming the thing, the value and what is allowed
     */
    public MonoscaleException(String message) {
        super(message);
    }

    /**
     * An exception whose message is the one line a user reads, with the fault behind it.
     *
     * @param message one line naming the thing, the value and what is allowed
     * @param cause the underlying fault
     */
    public MonoscaleException(String message, Throwable cause) {
        super(message, cause);
    }
}
