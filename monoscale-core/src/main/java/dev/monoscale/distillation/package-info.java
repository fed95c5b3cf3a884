/**
 * Distillation: warm-up evidence grouped by task pattern and worker, written as candidate memories of
 * increasing reach for the gate to choose from.
 */
@NullMarked
package dev.monoscale.distillation;

import org.jspecify.annotations.NullMarked;
