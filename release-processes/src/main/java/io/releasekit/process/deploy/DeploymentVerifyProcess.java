package io.releasekit.process.deploy;

import io.releasekit.core.deploy.ComponentExpectation;
import io.releasekit.core.deploy.DeploymentStatus;
import io.releasekit.core.deploy.DeploymentStatuses;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import java.util.List;
import java.util.Objects;

/**
 * {@code deployment.verify}: reads a configured deployment's status endpoint until every component named in {@code
 * expect} reports its version or commit, or the time limit passes; with {@code "wait": false} one read now (the
 * staging check before a deployment: healthy and in the expected state). One step, {@code verify:<deployment>},
 * reading only, strict on {@code deployment:<name>}.
 *
 * <p>Parameters: {@code deployment} (required, a configured name), {@code expect} ({@code <component>=<value>}; a
 * component left out need not report anything; without any, every configured component must report a value), {@code
 * wait} (default true), {@code timeoutSeconds} (default 1800), {@code intervalSeconds} (default 30).
 */
public final class DeploymentVerifyProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "deployment.verify";

    private final DeploymentStatuses statuses;
    private final DeploymentWaiter waiter;

    /** The process over the configured deployments, re-reading with {@code waiter}. */
    public DeploymentVerifyProcess(DeploymentStatuses statuses, DeploymentWaiter waiter) {
        this.statuses = Objects.requireNonNull(statuses, "statuses");
        this.waiter = Objects.requireNonNull(waiter, "waiter");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Wait until a deployment's status endpoint reports the expected version or commit of every component"
                + " (or check it once)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("deployment", true, "configured deployment whose status endpoint to read, e.g. prod")
                .strings(
                        "expect",
                        false,
                        "<component>=<version or commit>, e.g. packit-service=3f2a9c1; default: every configured"
                                + " component reports a value")
                .bool("wait", false, "read until the components report the values (default true); false: read once")
                .integer("timeoutSeconds", false, "how long to wait at most (default 1800)")
                .integer("intervalSeconds", false, "pause between reads (default 30)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        DeploymentStatus status = statuses.get(p.string("deployment"));
        List<ComponentExpectation> expected = expectations(status, p.strings("expect"));
        String name = "verify:" + status.name();
        if (!p.bool("wait", true)) {
            return List.of(DeploymentStep.check(name, status, ctx -> expected));
        }
        return List.of(DeploymentStep.await(
                name,
                status,
                ctx -> expected,
                waiter,
                DeploymentStep.timeout(p, "timeoutSeconds", 1800),
                DeploymentStep.interval(p, "intervalSeconds", 30)));
    }

    /** The entries parsed, each naming a configured component; none: every component must report a value. */
    static List<ComponentExpectation> expectations(DeploymentStatus status, List<String> entries) {
        if (entries.isEmpty()) {
            return status.components().keySet().stream()
                    .map(ComponentExpectation::anyValue)
                    .toList();
        }
        List<ComponentExpectation> parsed = ComponentExpectation.parse("expect", entries);
        for (ComponentExpectation e : parsed) {
            if (!status.components().containsKey(e.component())) {
                throw new io.releasekit.core.InvalidInputException("parameter 'expect' names component '"
                        + e.component() + "', which deployment '" + status.name() + "' does not configure;"
                        + " configured: " + status.components().keySet());
            }
        }
        return parsed;
    }
}
