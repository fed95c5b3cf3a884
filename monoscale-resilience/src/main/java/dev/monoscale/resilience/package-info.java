/** Worker calls that cannot stall or crash a round: per-call timeout, retry of transient faults, a breaker per worker. */
@NullMarked
package dev.monoscale.resilience;

import org.jspecify.annotations.NullMarked;
