/** The command-line entry point and the hand-written wiring of the library's parts. */
@NullMarked
package dev.monoscale.app;

import org.jspecify.annotations.NullMarked;
