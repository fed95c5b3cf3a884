/**
 * The embedded router: Lucene BM25 relevance of each step to each agent card, turned into a policy by a
 * softmax with a temperature. No model, no network; the same task always gets the same plan.
 */
@NullMarked
package dev.monoscale.routing;

import org.jspecify.annotations.NullMarked;
