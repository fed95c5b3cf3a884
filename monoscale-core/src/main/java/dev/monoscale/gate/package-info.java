/** The trust-region gate: surrogate gain, KL bound and a paired-bootstrap lower confidence bound. */
@NullMarked
package dev.monoscale.gate;

import org.jspecify.annotations.NullMarked;
