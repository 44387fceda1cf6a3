package io.releasekit.process.deploy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.deploy.ComponentExpectation;
import io.releasekit.core.deploy.DeploymentEvaluation;
import io.releasekit.core.deploy.DeploymentOutcome;
import io.releasekit.core.deploy.DeploymentStatus;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A step that reads a deployment's status endpoint (reads only; strict on the deployment's service) in one of two ways:
 *
 * <ul>
 *   <li>{@link #check check}: one read now — the deployment answers (healthy) and every expected component reports its
 *       value, or the step fails naming what it reported instead (seed 004: "check the current state of the staging
 *       deployment" before a deployment starts). A dry run makes the same read.
 *   <li>{@link #await await}: reads again and again (re-reads scheduled by a {@link DeploymentWaiter}) until every
 *       component reports its value, or fails when the time limit passes, with what was reported last (seed 004:
 *       "check that they are also imported to the production deployment"). A dry run (and the planning of a real run)
 *       does not wait: what the deployment reports before the run is not what the run waits for.
 * </ul>
 *
 * <p>Outputs: {@code deployment.<name>.<component>} — the value each expected component reported last.
 */
public final class DeploymentStep implements Step {

    /** The longest wait a run may ask for. */
    public static final long MAX_TIMEOUT_SECONDS = 6 * 3600;

    private final String name;
    private final DeploymentStatus status;
    private final Function<StepContext, List<ComponentExpectation>> expectations;
    private final DeploymentWaiter waiter;
    private final Duration timeout;
    private final Duration interval;
    private final List<ServiceNeed> also;

    private DeploymentStep(
            String name,
            DeploymentStatus status,
            Function<StepContext, List<ComponentExpectation>> expectations,
            DeploymentWaiter waiter,
            Duration timeout,
            Duration interval,
            List<ServiceNeed> also) {
        this.also = List.copyOf(also);
        this.name = Objects.requireNonNull(name, "name");
        this.status = Objects.requireNonNull(status, "status");
        this.expectations = Objects.requireNonNull(expectations, "expectations");
        this.waiter = waiter;
        this.timeout = timeout;
        this.interval = interval;
    }

    /**
     * One read: healthy and reporting what is expected, or the step fails.
     *
     * @param name the step name
     * @param status the deployment (guarded, from {@code DeploymentStatuses})
     * @param expectations what the components must report, computed when the step runs (e.g. from earlier outputs)
     */
    public static DeploymentStep check(
            String name, DeploymentStatus status, Function<StepContext, List<ComponentExpectation>> expectations) {
        return new DeploymentStep(name, status, expectations, null, null, null, List.of());
    }

    /**
     * Re-reads until every component reports what is expected, or the time limit passes (the step fails).
     *
     * @param name the step name
     * @param status the deployment (guarded, from {@code DeploymentStatuses})
     * @param expectations what the components must report, computed when the step runs (e.g. from earlier outputs)
     * @param waiter schedules the re-reads
     * @param timeout how long to wait at most
     * @param interval the pause between reads
     */
    public static DeploymentStep await(
            String name,
            DeploymentStatus status,
            Function<StepContext, List<ComponentExpectation>> expectations,
            DeploymentWaiter waiter,
            Duration timeout,
            Duration interval) {
        return new DeploymentStep(
                name,
                status,
                expectations,
                Objects.requireNonNull(waiter, "waiter"),
                Objects.requireNonNull(timeout, "timeout"),
                Objects.requireNonNull(interval, "interval"),
                List.of());
    }

    /**
     * A copy that also declares {@code services}: those its expectations read (e.g. {@code github}, resolving the commit
     * of a branch).
     */
    public DeploymentStep needing(List<ServiceNeed> services) {
        List<ServiceNeed> all = new ArrayList<>(also);
        services.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return new DeploymentStep(name, status, expectations, waiter, timeout, interval, all);
    }

    /** The time limit of a wait from parameter {@code key} (seconds, 1 to 6 hours). */
    public static Duration timeout(RunParameters p, String key, long defaultSeconds) {
        return seconds(p, key, defaultSeconds, 1, MAX_TIMEOUT_SECONDS);
    }

    /** The pause between reads from parameter {@code key} (seconds, 1 to 600). */
    public static Duration interval(RunParameters p, String key, long defaultSeconds) {
        return seconds(p, key, defaultSeconds, 1, 600);
    }

    private static Duration seconds(RunParameters p, String key, long def, long min, long max) {
        long s = p.integer(key, def);
        if (s < min || s > max) {
            throw new InvalidInputException(
                    "parameter '" + key + "' must be between " + min + " and " + max + " seconds, was " + s);
        }
        return Duration.ofSeconds(s);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ServiceNeed> services() {
        List<ServiceNeed> all = new ArrayList<>(List.of(ServiceNeed.strict(status.service())));
        also.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return all;
    }

    @Override
    public boolean writes() {
        return false;
    }

    @Override
    public StepOutcome execute(StepContext ctx) throws InterruptedException {
        List<ComponentExpectation> expected = expectations.apply(ctx);
        String where = "deployment '" + status.name() + "' (" + status.location() + ")";
        if (waiter == null) {
            DeploymentEvaluation e = DeploymentEvaluation.of(status.read(), expected);
            if (!e.verified()) {
                throw new ConflictException(where + " does not report the expected state: " + describe(e));
            }
            return StepOutcome.succeeded(where + " is healthy: " + e.describe(), outputs(e));
        }
        if (ctx.dryRun()) {
            return StepOutcome.succeeded("would wait up to " + timeout.toSeconds() + " s for " + where + " to report "
                    + (expected.isEmpty() ? "its components" : expected));
        }
        DeploymentOutcome o = waiter.await(
                status,
                expected,
                timeout,
                interval,
                e -> ctx.progress(
                        e.components().size() - e.mismatches().size(),
                        e.components().size(),
                        0));
        if (o instanceof DeploymentOutcome.TimedOut t) {
            throw new ConflictException(where + " did not report " + expected + " within " + timeout.toSeconds()
                    + " s (" + t.polls() + " reads): " + t.describe());
        }
        DeploymentOutcome.Verified v = (DeploymentOutcome.Verified) o;
        return StepOutcome.succeeded(
                where + " reports " + v.evaluation().describe() + " after "
                        + v.waited().toSeconds() + " s (" + v.polls() + " reads)",
                outputs(v.evaluation()));
    }

    private static String describe(DeploymentEvaluation e) {
        return String.join(
                "; ",
                e.mismatches().stream()
                        .map(DeploymentEvaluation.Component::describe)
                        .toList());
    }

    private Map<String, String> outputs(DeploymentEvaluation e) {
        Map<String, String> out = new LinkedHashMap<>();
        e.components().forEach(c -> c.reported()
                .ifPresent(v -> out.put(outputKey(status.name(), c.expectation().component()), v)));
        return out;
    }

    /** The output key of the value a component of a deployment reported. */
    public static String outputKey(String deployment, String component) {
        return "deployment." + deployment + "." + component;
    }
}
