package io.releasekit.core.run.internal;

import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.List;
import java.util.Objects;

/**
 * The step {@link Step#of} makes: a name, its service needs, whether it writes, and a body.
 *
 * @param name the step's name
 * @param services the services it calls
 * @param writes whether it changes anything outside releasekit
 * @param body what it does
 */
public record LambdaStep(String name, List<ServiceNeed> services, boolean writes, Step.Body body) implements Step {

    /** Checks the parts and copies the needs. */
    public LambdaStep {
        Objects.requireNonNull(name, "name");
        services = List.copyOf(services);
        Objects.requireNonNull(body, "body");
    }

    @Override
    public StepOutcome execute(StepContext context) throws Exception {
        return body.execute(context);
    }

    @Override
    public String toString() {
        return "Step[" + name + "]";
    }
}
