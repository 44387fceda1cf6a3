package io.releasekit.core.service;

/**
 * The one place that builds the names of guarded services whose name carries a part ({@code git:<remote>}). A
 * service's breaker, retry and time limit are found by this name, so every caller must spell it the same way.
 */
public final class ServiceNames {

    private ServiceNames() {}

    /**
     * The service of a git remote: {@code git:<remote>} ({@code git:origin}). The name is checked when it is first
     * guarded ({@link ServiceGuards} refuses a name that is not valid).
     */
    public static String git(String remote) {
        return "git:" + remote;
    }
}
