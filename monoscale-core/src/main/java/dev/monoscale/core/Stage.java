package dev.monoscale.core;

import java.util.List;

/** Stage k: the pool after the k-th onboarding round, and which workers joined in it. */
public record Stage(int index, List<AgentId> added, Pool pool) {

    public Stage {
        added = List.copyOf(added);
    }
}
