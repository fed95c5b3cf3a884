/** The vocabulary of MonoScale: workers and their cards, tasks, plans, policies, traces and the ports between them. */
@NullMarked
package dev.monoscale.core;

import org.jspecify.annotations.NullMarked;
