package dev.monoscale.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workers a router may use, in the order they joined; ids are unique. */
public record Pool(List<AgentCard> cards) {

    public Pool {
        cards = List.copyOf(cards);
        Map<AgentId, AgentCard> seen = new LinkedHashMap<>();
        for (AgentCard card : cards) {
            if (seen.putIfAbsent(card.id(), card) != null) {
                throw new IllegalArgumentException("pool has two workers with the id '%s'".formatted(card.id()));
            }
        }
    }

    /**
     * A pool of {@code cards}, in that order.
     *
     * @param cards the workers' cards; ids must be unique
     * @return the pool
     * @throws IllegalArgumentException if two cards share an id
     */
    public static Pool of(List<AgentCard> cards) {
        return new Pool(cards);
    }

    /**
     * The workers' ids, in the order they joined.
     *
     * @return the ids
     */
    public List<AgentId> ids() {
        return cards.stream().map(AgentCard::id).toList();
    }

    /**
     * How many workers the pool holds.
     *
     * @return the number of workers
     */
    public int size() {
        return cards.size();
    }

    /**
     * The card of worker {@code id}.
     *
     * @param id a worker's id
     * @return its card, or empty if it is not in the pool
     */
    public Optional<AgentCard> find(AgentId id) {
        return cards.stream().filter(card -> card.id().equals(id)).findFirst();
    }

    /**
     * Whether worker {@code id} is in the pool.
     *
     * @param id a worker's id
     * @return true if the pool holds it
     */
    public boolean contains(AgentId id) {
        return find(id).isPresent();
    }

    /** This pool with {@code more} appended; a worker already in the pool is an error. */
    public Pool plus(List<AgentCard> more) {
        List<AgentCard> all = new java.util.ArrayList<>(cards);
        all.addAll(more);
        return new Pool(all);
    }
}
