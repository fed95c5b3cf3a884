/** The A2A protocol at the boundary: agent cards in their v0.2-style, v0.3 and v1.0 JSON forms. */
@NullMarked
package dev.monoscale.a2a;

import org.jspecify.annotations.NullMarked;
