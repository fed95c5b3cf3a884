package dev.monoscale.bench;

import dev.monoscale.stats.StudentT;

/**
 * A yardstick for a gate's power: how often a test that knew in advance which candidate to test, and where it
 * changes the route, would certify that candidate's gain with a round's warm-up budget.
 *
 * <p>The test is the one a gate would run with every advantage the data allow: the candidate is fixed before any
 * outcome is seen (no selection among candidates, so no split and no correction for multiplicity); every warm-up
 * task falls where the candidate changes the route, drawn as the world draws its tasks there; each task runs the
 * candidate's plan and the lift's plan {@code runsPerArm} times each; and the one-sided test of the paired mean
 * difference at level α uses the normal quantile. With the true pass probabilities p'(x) and p(x) of the two plans
 * on the changed tasks x (weight w(x), share f of the task distribution), a task's difference has mean
 * μ = Σ w (p' − p) / f and variance σ² = Var_x(p' − p) + E_x[p'(1 − p') + p(1 − p)] / runsPerArm, and
 * the test's power on n tasks is Φ(μ √n / σ − z(1 − α)).
 *
 * <p>Its assumptions all favour it, so a gate that must choose its candidate from the same runs and can only test
 * on the tasks its synthesizer draws does no better on average; a gate with a real guarantee whose adoption rate is
 * far above the mean of this power would be suspect. It is a yardstick, not a bound proved for every procedure:
 * a test could pool outcomes differently or use the t quantile, and the normal approximation is rough for small n.
 *
 * @param changedShare f: the share of the task distribution where the candidate's plan differs from the lift's in
 *     pass probability (0 when it changes nothing)
 * @param changedGain μ: the mean true gain per task there
 * @param betweenVariance Var_x(p' − p) over those tasks
 * @param withinVariance E_x[p'(1 − p') + p(1 − p)] over those tasks: the variance of one run of each plan
 */
record OracleTest(double changedShare, double changedGain, double betweenVariance, double withinVariance) {

    /** The contrast of two routers' exact per-task pass probabilities, with the tasks' weights. */
    static OracleTest of(double[] candidate, double[] lift, double[] weights) {
        double share = 0;
        double gain = 0;
        for (int i = 0; i < candidate.length; i++) {
            if (changed(candidate[i], lift[i])) {
                share += weights[i];
                gain += weights[i] * (candidate[i] - lift[i]);
            }
        }
        if (share == 0) {
            return new OracleTest(0, 0, 0, 0);
        }
        double mean = gain / share;
        double between = 0;
        double within = 0;
        for (int i = 0; i < candidate.length; i++) {
            if (changed(candidate[i], lift[i])) {
                double d = candidate[i] - lift[i] - mean;
                between += weights[i] * d * d;
                within += weights[i] * (candidate[i] * (1 - candidate[i]) + lift[i] * (1 - lift[i]));
            }
        }
        return new OracleTest(share, mean, between / share, within / share);
    }

    /**
     * The test's power on {@code tasks} tasks with {@code runsPerArm} runs of each plan per task, at level α; 0 for
     * a candidate that does not gain (certifying it would not be an adoption).
     */
    double power(int tasks, int runsPerArm, double alpha) {
        if (changedShare == 0 || tasks < 1 || !(changedGain > 0)) {
            return 0;
        }
        double sd = Math.sqrt(variance(runsPerArm));
        if (sd == 0) {
            return 1;
        }
        return normalCdf(changedGain * Math.sqrt(tasks) / sd - StudentT.normalQuantile(1 - alpha));
    }

    /**
     * How many tasks the test needs for {@code power} at level α with {@code runsPerArm} runs per plan:
     * ((z(1 − α) + z(power)) σ / μ)², rounded up; {@link Integer#MAX_VALUE} when the candidate does not gain.
     */
    int tasksFor(double power, int runsPerArm, double alpha) {
        if (changedShare == 0 || !(changedGain > 0)) {
            return Integer.MAX_VALUE;
        }
        double z = StudentT.normalQuantile(1 - alpha) + StudentT.normalQuantile(power);
        double n = Math.ceil(z * z * variance(runsPerArm) / (changedGain * changedGain));
        return n >= Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(1, (int) n);
    }

    private double variance(int runsPerArm) {
        return betweenVariance + withinVariance / Math.max(1, runsPerArm);
    }

    private static boolean changed(double a, double b) {
        return Math.abs(a - b) > 1e-12;
    }

    /** Φ(x), the standard normal distribution function (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1
                - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                        * t
                        * Math.exp(-z * z);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
