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

    public static Pool of(List<AgentCard> cards) {
        return new Pool(cards);
    }

    public List<AgentId> ids() {
        return cards.stream().map(AgentCard::id).toList();
    }

    public int size() {
        return cards.size();
    }

    public Optional<AgentCard> find(AgentId id) {
        return cards.stream().filter(card -> card.id().equals(id)).findFirst();
    }

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
