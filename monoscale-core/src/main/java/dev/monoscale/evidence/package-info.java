/**
 * Evidence: the warm-up runs grouped by task pattern and worker, with each worker's successes and failures
 * there. Read by the distiller (to write memory) and by the gate (to value the workers).
 */
@NullMarked
package dev.monoscale.evidence;

import org.jspecify.annotations.NullMarked;
