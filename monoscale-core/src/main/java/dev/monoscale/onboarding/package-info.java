/**
 * The onboarding round: warm-up synthesis, parallel execution under a behaviour policy, distillation into
 * candidate memories, and the trust-region gate that accepts one of them or keeps the conservative lift.
 */
@NullMarked
package dev.monoscale.onboarding;

import org.jspecify.annotations.NullMarked;
