/** One class per command of the CLI; each prints one line and exits 2 on bad input. */
@NullMarked
package dev.monoscale.app.cli;

import org.jspecify.annotations.NullMarked;
