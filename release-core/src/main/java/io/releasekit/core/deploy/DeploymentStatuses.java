package io.releasekit.core.deploy;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.deploy.internal.GuardedDeploymentStatus;
import io.releasekit.core.internal.Text;
import io.releasekit.core.service.ServiceGuards;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured deployments ({@code prod}, {@code staging}) by name, handed out guarded: every read of a status from
 * {@link #get(String)} goes through the service guard named by {@link DeploymentStatus#service()}, so a caller never
 * wraps a call itself.
 */
public final class DeploymentStatuses {

    private final Map<String, DeploymentStatus> statuses;

    private DeploymentStatuses(Map<String, DeploymentStatus> statuses) {
        this.statuses = Map.copyOf(statuses);
    }

    /** The deployments by name, each guarded with {@code guards}. */
    public static DeploymentStatuses of(Map<String, ? extends DeploymentStatus> statuses, ServiceGuards guards) {
        Objects.requireNonNull(guards, "guards");
        Map<String, DeploymentStatus> m = new LinkedHashMap<>();
        statuses.forEach((name, s) -> m.put(name, decorate(s, guards)));
        return new DeploymentStatuses(m);
    }

    /** No deployments. */
    public static DeploymentStatuses empty() {
        return new DeploymentStatuses(Map.of());
    }

    /** What every status handed out is wrapped in: the one place its reads get their guard. */
    private static DeploymentStatus decorate(DeploymentStatus s, ServiceGuards guards) {
        return s instanceof GuardedDeploymentStatus ? s : new GuardedDeploymentStatus(s, guards);
    }

    /**
     * The deployment with this name, guarded.
     *
     * @throws NotFoundException naming the configured deployments when there is none by that name
     */
    public DeploymentStatus get(String name) {
        DeploymentStatus s = name == null ? null : statuses.get(name);
        if (s == null) {
            throw new NotFoundException(
                    "no deployment named '" + Text.printable(name, 64) + "' is configured; configured: " + names());
        }
        return s;
    }

    /** The configured names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(statuses).keySet();
    }
}
