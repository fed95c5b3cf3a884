/**
 * The replay world: workers are real models whose recorded outcomes on real questions are looked up, so the
 * benchmark is not ours (DESIGN.md §6). Dev questions feed warm-up; test questions are held out.
 */
@NullMarked
package dev.monoscale.replay;

import org.jspecify.annotations.NullMarked;
