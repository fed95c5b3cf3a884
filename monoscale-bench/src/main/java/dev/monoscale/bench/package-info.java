/**
 * Quality benchmarks: the expansion benchmark grows a world's pool stage by stage and scores every method on
 * the same held-out tasks with the same seeds (common random numbers).
 */
@NullMarked
package dev.monoscale.bench;

import org.jspecify.annotations.NullMarked;
