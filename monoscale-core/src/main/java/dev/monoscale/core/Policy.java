package dev.monoscale.core;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The router's probability distribution over workers for one step: π(a | x, s). Workers keep the pool's
 * order, so equal probabilities break ties towards the worker that joined first.
 */
public final class Policy {

    private static final double TOLERANCE = 1e-6;

    private final Workers index;
    private final List<AgentId> workers;
    private final double[] probabilities;

    private Policy(List<AgentId> workers, double[] probabilities) {
        this.index = Workers.of(workers);
        this.workers = index.ids;
        this.probabilities = probabilities;
    }

    /**
     * The workers of a policy with their positions, shared by the policies made from one list instance (a router
     * passes its pool's list to every policy it makes). A pool of 10,000 workers then costs each policy its
     * probabilities only, and looking a worker up costs a hash lookup instead of a scan of the pool, which keeps
     * {@link #klDivergence} and sums over a policy's workers linear in the pool.
     */
    private static final class Workers {

        /** Recently seen lists, by identity: a few routers are active at once (the lift and a round's candidates). */
        private static final int SLOTS = 32;

        private static final Workers[] RECENT = new Workers[SLOTS];
        private static int next;

        private final List<AgentId> source;
        private final List<AgentId> ids;
        private volatile @Nullable Map<AgentId, Integer> positions;

        private Workers(List<AgentId> source) {
            this.source = source;
            this.ids = List.copyOf(source);
        }

        @SuppressWarnings("ReferenceEquality") // shared by list instance, on purpose: see above
        static Workers of(List<AgentId> source) {
            Workers found = null;
            synchronized (RECENT) {
                for (Workers recent : RECENT) {
                    if (recent != null && recent.source == source) {
                        found = recent;
                        break;
                    }
                }
            }
            // the same instance, checked for the same content: a caller may have changed a mutable list since
            if (found != null && found.ids.equals(source)) {
                return found;
            }
            Workers made = new Workers(source);
            synchronized (RECENT) {
                RECENT[next] = made;
                next = (next + 1) % SLOTS;
            }
            return made;
        }

        /** The position of {@code worker}, or -1. Small lists are scanned; larger ones get a map on first use. */
        int indexOf(AgentId worker) {
            if (ids.size() <= 16) {
                return ids.indexOf(worker);
            }
            Map<AgentId, Integer> map = positions;
            if (map == null) {
                map = new HashMap<>(ids.size() * 2);
                for (int i = 0; i < ids.size(); i++) {
                    map.putIfAbsent(ids.get(i), i);
                }
                positions = map;
            }
            Integer at = map.get(worker);
            return at == null ? -1 : at;
        }
    }

    /** A policy from probabilities that are non-negative and sum to 1 (within 1e-6). */
    public static Policy of(List<AgentId> workers, double[] probabilities) {
        if (workers.size() != probabilities.length || workers.isEmpty()) {
            throw new IllegalArgumentException(
                    "a policy needs one probability per worker and at least one worker; got %d workers and %d probabilities"
                            .formatted(workers.size(), probabilities.length));
        }
        double sum = 0;
        for (double p : probabilities) {
            if (!(p >= 0 && p <= 1 + TOLERANCE)) {
                throw new IllegalArgumentException("probability %s is not in [0, 1]".formatted(p));
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException("probabilities sum to %s, not 1".formatted(sum));
        }
        return new Policy(workers, probabilities.clone());
    }

    /** Softmax of {@code scores / temperature}; a score of negative infinity masks a worker out. */
    public static Policy softmax(List<AgentId> workers, double[] scores, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, was " + temperature);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("every worker is masked; a policy needs at least one");
        }
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = scores[i] == Double.NEGATIVE_INFINITY ? 0 : Math.exp((scores[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return new Policy(workers, p);
    }

    /** All mass on one worker of the list. */
    public static Policy pointMass(List<AgentId> workers, AgentId chosen) {
        Policy policy = new Policy(workers, new double[workers.size()]);
        int at = policy.index.indexOf(chosen);
        if (at < 0) {
            throw new IllegalArgumentException("worker '%s' is not among %s".formatted(chosen, workers));
        }
        policy.probabilities[at] = 1;
        return policy;
    }

    /** The uniform distribution over the workers. */
    public static Policy uniform(List<AgentId> workers) {
        double[] p = new double[workers.size()];
        java.util.Arrays.fill(p, 1.0 / workers.size());
        return of(workers, p);
    }

    /**
     * The workers this policy is over, in pool order.
     *
     * @return the workers, each once
     */
    public List<AgentId> workers() {
        return workers;
    }

    /** π(worker); 0 for a worker the policy does not know. */
    public double probability(AgentId worker) {
        int at = index.indexOf(worker);
        return at < 0 ? 0 : probabilities[at];
    }

    /** Whether the worker is one of the policy's workers (with any probability, 0 included). */
    public boolean covers(AgentId worker) {
        return index.indexOf(worker) >= 0;
    }

    /**
     * π of the worker at {@code index} of {@link #workers()}.
     *
     * @param index a position in {@link #workers()}
     * @return its probability, in [0, 1]
     */
    public double probability(int index) {
        return probabilities[index];
    }

    /** The most probable worker; ties go to the earliest in pool order. */
    public AgentId argmax() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return workers.get(best);
    }

    /** Draws a worker with {@code u} uniform in [0, 1). */
    public AgentId sample(double u) {
        double acc = 0;
        for (int i = 0; i < probabilities.length; i++) {
            acc += probabilities[i];
            if (u < acc) {
                return workers.get(i);
            }
        }
        for (int i = probabilities.length - 1; i >= 0; i--) {
            if (probabilities[i] > 0) {
                return workers.get(i);
            }
        }
        return workers.getLast();
    }

    /**
     * KL(this ‖ other) in nats, over the union of both supports. Infinite when this policy puts mass where
     * {@code other} puts none.
     */
    public double klDivergence(Policy other) {
        double kl = 0;
        boolean aligned = index == other.index || workers.equals(other.workers);
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (p == 0) {
                continue;
            }
            double q = aligned ? other.probabilities[i] : other.probability(workers.get(i));
            if (q == 0) {
                return Double.POSITIVE_INFINITY;
            }
            kl += p * Math.log(p / q);
        }
        return Math.max(0, kl);
    }

    /** The probabilities by worker, in pool order. */
    public Map<AgentId, Double> asMap() {
        Map<AgentId, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < probabilities.length; i++) {
            map.put(workers.get(i), probabilities[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Policy other
                && workers.equals(other.workers)
                && java.util.Arrays.equals(probabilities, other.probabilities);
    }

    @Override
    public int hashCode() {
        return workers.hashCode() * 31 + java.util.Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
