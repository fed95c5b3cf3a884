/**
 * A {@link dev.monoscale.memory.MemoryStore} that several processes share: routing memory history in a PostgreSQL
 * schema, named with {@code --db postgresql://USER@HOST:PORT/DATABASE}, with versioned schema migrations, one
 * committed transaction per appended version, the head check enforced by the database's keys, and LISTEN/NOTIFY
 * to tell every process of a new head.
 */
@NullMarked
package dev.monoscale.store.postgres;

import org.jspecify.annotations.NullMarked;
