/**
 * Routing memory: natural-language routing lessons with their evidence, kept as immutable versions with a
 * parent and the record of the gate decision that made each one, in an append-only store.
 */
@NullMarked
package dev.monoscale.memory;

import org.jspecify.annotations.NullMarked;
