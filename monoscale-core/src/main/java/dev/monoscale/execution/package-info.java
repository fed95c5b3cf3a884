/**
 * Execution: running a plan (calling each step's worker with the outputs it reads, and judging the answer), and
 * running a round's warm-up tasks under the behaviour policy.
 */
@NullMarked
package dev.monoscale.execution;

import org.jspecify.annotations.NullMarked;
