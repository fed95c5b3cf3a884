package dev.monoscale.store.sqlite;

import dev.monoscale.core.MonoscaleException;

/**
 * The memory database cannot be used: the file (or PostgreSQL schema) is not one, or is from a newer MonoScale,
 * or reading or writing it failed. The message is one line that names the database and the operation.
 */
public final class MemoryDatabaseException extends MonoscaleException {

    public MemoryDatabaseException(String message) {
        super(message);
    }

    public MemoryDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
