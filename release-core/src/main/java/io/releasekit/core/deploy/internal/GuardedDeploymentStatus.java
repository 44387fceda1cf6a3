package io.releasekit.core.deploy.internal;

import io.releasekit.core.deploy.DeploymentStatus;
import io.releasekit.core.deploy.StatusSnapshot;
import io.releasekit.core.service.ServiceGuards;
import java.util.Map;
import java.util.Objects;

/** A {@link DeploymentStatus} whose reads go through the guard of {@link DeploymentStatus#service()}. */
public final class GuardedDeploymentStatus implements DeploymentStatus {

    private final DeploymentStatus delegate;
    private final ServiceGuards guards;

    /** Guards {@code delegate}'s reads with {@code guards}. */
    public GuardedDeploymentStatus(DeploymentStatus delegate, ServiceGuards guards) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.guards = Objects.requireNonNull(guards, "guards");
        guards.register(delegate.service());
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public String service() {
        return delegate.service();
    }

    @Override
    public Map<String, String> components() {
        return delegate.components();
    }

    @Override
    public StatusSnapshot read() {
        return guards.call(service(), delegate::read);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
