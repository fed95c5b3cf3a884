/** Plain word handling for the model-free parts: content words, overlaps, shared patterns. */
@NullMarked
package dev.monoscale.text;

import org.jspecify.annotations.NullMarked;
