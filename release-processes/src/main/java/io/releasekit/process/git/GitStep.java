package io.releasekit.process.git;

import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.List;
import java.util.Objects;

/** A step made of a name, the services it needs, whether it writes, and a body. */
final class GitStep implements Step {

    /** What a step does. */
    @FunctionalInterface
    interface Body {
        StepOutcome execute(StepContext context) throws Exception;
    }

    private final String name;
    private final List<ServiceNeed> services;
    private final boolean writes;
    private final Body body;

    GitStep(String name, List<ServiceNeed> services, boolean writes, Body body) {
        this.name = Objects.requireNonNull(name, "name");
        this.services = List.copyOf(services);
        this.writes = writes;
        this.body = Objects.requireNonNull(body, "body");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ServiceNeed> services() {
        return services;
    }

    @Override
    public boolean writes() {
        return writes;
    }

    @Override
    public StepOutcome execute(StepContext context) throws Exception {
        return body.execute(context);
    }

    @Override
    public String toString() {
        return "GitStep[" + name + "]";
    }
}
