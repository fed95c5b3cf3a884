/**
 * Onboarding rounds on Temporal: a round's warm-up calls as activities of a durable workflow ({@link
 * dev.monoscale.temporal.WarmupWorkflow}), made by {@code monoscale worker} processes on any machine. The submitting
 * round decides the plans, and after the workflow judges, distils, gates and appends as in process; the engine is
 * found through {@link dev.monoscale.execution.WarmupEngine} ({@code temporal}). The workflow and activity types
 * are public because Temporal instantiates them reflectively; only {@link dev.monoscale.temporal.TemporalEngine} is
 * meant to be used.
 */
@NullMarked
package dev.monoscale.temporal;

import org.jspecify.annotations.NullMarked;
