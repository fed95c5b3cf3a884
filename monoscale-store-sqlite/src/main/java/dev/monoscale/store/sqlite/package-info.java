/**
 * The default {@link dev.monoscale.memory.MemoryStore}: routing memory history in an embedded SQLite file, with
 * WAL journaling, versioned schema migrations and one committed transaction per appended version.
 */
@NullMarked
package dev.monoscale.store.sqlite;

import org.jspecify.annotations.NullMarked;
