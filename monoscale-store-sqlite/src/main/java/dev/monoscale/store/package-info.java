/**
 * What every memory store and every view of memory shares: {@link dev.monoscale.store.MemoryJson}, the one JSON
 * form of a memory version (stored in the SQL stores' {@code body} column, printed by {@code memory show} and
 * served by the API), and {@link dev.monoscale.store.JdbcMemoryStore}, the JDBC logic of the SQLite and PostgreSQL
 * stores. Nothing here serves HTTP or knows a SQL dialect.
 */
@NullMarked
package dev.monoscale.store;

import org.jspecify.annotations.NullMarked;
