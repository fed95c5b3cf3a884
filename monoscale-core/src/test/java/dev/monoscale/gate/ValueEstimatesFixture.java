package dev.monoscale.gate;

import dev.monoscale.core.AgentId;
import java.util.Map;

/** Value estimates with given pass rates per worker, on pattern 0, built the way real ones are. */
final class ValueEstimatesFixture {

    private ValueEstimatesFixture() {}

    static ValueEstimates of(AgentId a, double rateA, AgentId b, double rateB) {
        return ValueEstimates.fixed(Map.of(0, Map.of(a, rateA, b, rateB)));
    }
}
