/** Running a plan: calling each step's worker with the outputs it reads, and judging the answer. */
@NullMarked
package dev.monoscale.execution;

import org.jspecify.annotations.NullMarked;
