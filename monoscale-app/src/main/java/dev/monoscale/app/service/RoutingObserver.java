package dev.monoscale.app.service;

import dev.monoscale.core.Task;

/** Told about every plan {@link LiveRouter} makes: for metrics and traces. Must not throw. */
@FunctionalInterface
public interface RoutingObserver {

    void routed(Task task, LiveRouter.Routed routed);

    RoutingObserver NONE = (task, routed) -> {};

    default RoutingObserver and(RoutingObserver next) {
        return (task, routed) -> {
            routed(task, routed);
            next.routed(task, routed);
        };
    }
}
