/**
 * The service beside the A2A agent: live memory (the store's head, watched), a router that follows it, and the HTTP
 * API under {@code /api/v1/} that {@code serve} adds to the same server, behind the same guard.
 */
@NullMarked
package dev.monoscale.app.service;

import org.jspecify.annotations.NullMarked;
