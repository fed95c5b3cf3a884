/**
 * The offline simulated world: a declarative JSON spec of skills, task families, workers (a card plus a
 * hidden profile) and stages, executed deterministically from a seed. See {@code docs/world-spec.md}.
 */
@NullMarked
package dev.monoscale.sim;

import org.jspecify.annotations.NullMarked;
