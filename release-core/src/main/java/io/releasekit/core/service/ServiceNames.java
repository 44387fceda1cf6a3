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

    /**
     * The service of a container image registry: {@code registry:<host>} ({@code registry:quay.io}); a port's
     * {@code :} becomes {@code _} ({@code registry:localhost_5000}), as a service name has one {@code :}.
     */
    public static String registry(String host) {
        return "registry:" + hostPart(host);
    }

    /** The service of an HTTP Helm chart repository: {@code helm:<host>}, a port written as for {@link #registry}. */
    public static String helm(String host) {
        return "helm:" + hostPart(host);
    }

    /** The service of a deployment's status endpoint: {@code deployment:<name>} ({@code deployment:prod}). */
    public static String deployment(String name) {
        return "deployment:" + name;
    }

    private static String hostPart(String host) {
        return host.replace(':', '_').replace("[", "").replace("]", "");
    }
}
