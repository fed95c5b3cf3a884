package dev.monoscale.core;

/** Base of every exception MonoScale throws on purpose; the CLI prints its message as one line. */
public class MonoscaleException extends RuntimeException {

    public MonoscaleException(String message) {
        super(message);
    }

    public MonoscaleException(String message, Throwable cause) {
        super(message, cause);
    }
}
