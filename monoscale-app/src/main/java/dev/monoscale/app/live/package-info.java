/**
 * The live world: workers that are real endpoints, configured in one file ({@code monoscale.yaml} or JSON) with
 * secrets only from the environment, and the LLM router, synthesizer, distiller and judge wired on it.
 */
@NullMarked
package dev.monoscale.app.live;

import org.jspecify.annotations.NullMarked;
