package io.releasekit.core.run;

import java.util.Objects;

/**
 * A service a step calls, and whether the run can go on without it.
 *
 * @param service the guarded service name ({@code github}, {@code s3:eu-central-1}, {@code slack})
 * @param dependency strict or deferrable
 */
public record ServiceNeed(String service, Dependency dependency) {

    public ServiceNeed {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(dependency, "dependency");
    }

    /** A service the run cannot go without. */
    public static ServiceNeed strict(String service) {
        return new ServiceNeed(service, Dependency.STRICT);
    }

    /** A service whose step may be deferred until it is back. */
    public static ServiceNeed deferrable(String service) {
        return new ServiceNeed(service, Dependency.DEFERRABLE);
    }
}
