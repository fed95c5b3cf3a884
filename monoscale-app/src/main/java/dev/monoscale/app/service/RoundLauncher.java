package dev.monoscale.app.service;

import dev.monoscale.execution.WarmupExecutor;
import dev.monoscale.onboarding.RoundReport;

/**
 * Runs one onboarding round for the service. The seam between the HTTP API and the onboarding code: the app's
 * implementation ({@code cli.ServeRounds}) calls today's round; a single onboarding use case replaces it here, in
 * one file, when it lands.
 */
public interface RoundLauncher {

    /**
     * Onboards the worker {@code request} names into the served pool, appending the round's version to the store.
     *
     * @param progress told how many warm-up runs are done out of how many
     * @throws dev.monoscale.core.InvalidInputException if the card cannot be read or is already in the pool
     */
    RoundReport launch(OnboardRequest request, WarmupExecutor.Progress progress);
}
