/**
 * The A2A protocol boundary: discovering agents over HTTP, calling them as workers, and serving the router as an
 * A2A agent. Reading a card's JSON is {@code monoscale-cards}' ({@link dev.monoscale.cards.A2aCards}).
 */
@NullMarked
package dev.monoscale.a2a;

import org.jspecify.annotations.NullMarked;
