package io.releasekit.process.github;

import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.util.List;

/** A step made of a name, its service needs, whether it writes, and a body. */
record SimpleStep(String name, List<ServiceNeed> services, boolean writes, Body body) implements Step {

    /** What the step does. */
    @FunctionalInterface
    interface Body {
        StepOutcome execute(StepContext context) throws Exception;
    }

    SimpleStep {
        services = List.copyOf(services);
    }

    @Override
    public StepOutcome execute(StepContext context) throws Exception {
        return body.execute(context);
    }
}
