package io.releasekit.core.run;

/** How a step depends on an outside service. */
public enum Dependency {
    /** The run cannot go without the service: it is down → NO-GO before the first write. */
    STRICT,
    /** The step can wait: it is parked as deferred and replayed once the service's breaker closes. */
    DEFERRABLE
}
