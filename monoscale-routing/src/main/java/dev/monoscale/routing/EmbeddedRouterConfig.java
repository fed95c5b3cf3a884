package dev.monoscale.routing;

/**
 * Settings of the {@link EmbeddedRouter}.
 *
 * @param temperature divides the scores before the softmax, in (0, 100]: lower is sharper, higher is flatter
 * @param taskTextWeight how much the whole task's text adds to each step's own relevance, in [0, 1]; 0 routes
 *     each step on its own text alone
 */
public record EmbeddedRouterConfig(double temperature, double taskTextWeight) {

    public EmbeddedRouterConfig {
        if (!(temperature > 0 && temperature <= 100)) {
            throw new IllegalArgumentException("temperature must be in (0, 100], was " + temperature);
        }
        if (!(taskTextWeight >= 0 && taskTextWeight <= 1)) {
            throw new IllegalArgumentException("task text weight must be in [0, 1], was " + taskTextWeight);
        }
    }

    /** Temperature 1 and no task text: see {@link EmbeddedRouter} for why. */
    public static EmbeddedRouterConfig defaults() {
        return new EmbeddedRouterConfig(1.0, 0.0);
    }

    /**
     * These settings with another temperature.
     *
     * @param temperature in (0, 100]: lower is sharper
     * @return the new settings
     * @throws IllegalArgumentException if it is out of range
     */
    public EmbeddedRouterConfig withTemperature(double temperature) {
        return new EmbeddedRouterConfig(temperature, taskTextWeight);
    }

    /**
     * These settings with another weight of the whole task's text.
     *
     * @param taskTextWeight in [0, 1]; 0 routes each step on its own text
     * @return the new settings
     * @throws IllegalArgumentException if it is out of range
     */
    public EmbeddedRouterConfig withTaskTextWeight(double taskTextWeight) {
        return new EmbeddedRouterConfig(temperature, taskTextWeight);
    }
}
