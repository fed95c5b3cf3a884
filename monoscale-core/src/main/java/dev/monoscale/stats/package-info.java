/** Small, deterministic statistics: intervals for proportions, seeded hashing into uniforms. */
@NullMarked
package dev.monoscale.stats;

import org.jspecify.annotations.NullMarked;
