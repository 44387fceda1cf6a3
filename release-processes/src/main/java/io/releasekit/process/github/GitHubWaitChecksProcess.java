package io.releasekit.process.github;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.host.CheckRequirement;
import io.releasekit.core.host.ChecksEvaluation;
import io.releasekit.core.host.ChecksOutcome;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Releases;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.process.ParameterBlocks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code github.wait-checks}: waits until the required workflow runs, check runs or statuses of a ref passed (seed
 * 004: the image builds of the moved {@code stable} branch), one failed, or the time limit passed. One step, {@code
 * wait-checks}, reads only (strict on {@code github}). A failure or a time-out fails the step with a conflict naming
 * the checks, unless {@code failOnFailure} is false: then the step succeeds and its {@code verdict} output says {@code
 * failed} or {@code timed-out}.
 */
public final class GitHubWaitChecksProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "github.wait-checks";

    static final long MIN_INTERVAL_SECONDS = 5;
    static final long MAX_TIMEOUT_SECONDS = 24 * 3600;

    private final ReleaseHosts hosts;
    private final ChecksWaiter waiter;
    private final long minIntervalSeconds;

    /** The process waiting with {@code waiter} (production: system clock and thread sleep). */
    public GitHubWaitChecksProcess(ReleaseHosts hosts, ChecksWaiter waiter) {
        this(hosts, waiter, MIN_INTERVAL_SECONDS);
    }

    /** The same, with a lower bound on the polling interval (tests poll fast). */
    public GitHubWaitChecksProcess(ReleaseHosts hosts, ChecksWaiter waiter, long minIntervalSeconds) {
        this.hosts = hosts;
        this.waiter = Objects.requireNonNull(waiter, "waiter");
        this.minIntervalSeconds = minIntervalSeconds;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Wait until the required GitHub checks of a ref passed (e.g. image builds), one failed, or time ran out";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .with(ParameterBlocks.REPOSITORY)
                .string("ref", true, "branch, tag or commit whose checks to wait for")
                .strings("required", false, "workflow, check or status names that must pass; default: all reported")
                .integer("timeoutSeconds", false, "how long to wait at most (default 3600, at most 86400)")
                .integer("intervalSeconds", false, "pause between reads (default 30, at least 5)")
                .bool("failOnFailure", false, "fail the step when a check fails or time runs out (default true)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        ReleaseHost host = hosts.get(p.string("repository"));
        CheckRequirement requirement = new CheckRequirement(p.strings("required"));
        Duration timeout = timeout(p);
        Duration interval = interval(p);
        return List.of(Step.of(
                "wait-checks",
                List.of(ServiceNeed.strict(host.service())),
                false,
                ctx -> await(ctx, host, requirement, timeout, interval)));
    }

    private StepOutcome await(
            StepContext ctx, ReleaseHost host, CheckRequirement requirement, Duration timeout, Duration interval)
            throws InterruptedException {
        String ref = ctx.parameters().string("ref");
        ChecksOutcome o =
                new Releases(host).awaitChecks(ref, requirement, timeout, interval, waiter, e -> report(ctx, e));
        ChecksEvaluation last = o.last();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("sha", last.sha());
        out.put("polls", Integer.toString(o.polls()));
        String verdict;
        String summary;
        if (o instanceof ChecksOutcome.Passed) {
            verdict = "passed";
            summary = last.summary();
        } else if (o instanceof ChecksOutcome.Failed) {
            verdict = "failed";
            summary = last.summary();
        } else {
            verdict = "timed-out";
            summary = "timed out after " + o.waited().toSeconds() + " s; " + last.summary();
        }
        out.put("verdict", verdict);
        if (!verdict.equals("passed") && ctx.parameters().bool("failOnFailure", true)) {
            throw new ConflictException(summary + " (" + host.location() + ")");
        }
        return StepOutcome.succeeded(summary, out);
    }

    private static void report(StepContext ctx, ChecksEvaluation e) {
        long done = e.considered().stream()
                .filter(r -> r.state() != io.releasekit.core.host.CheckRun.State.PENDING)
                .count();
        ctx.progress(done, e.considered().size() + e.missing().size(), 0);
    }

    private static Duration timeout(RunParameters p) {
        long s = p.integer("timeoutSeconds", 3600);
        if (s < 1 || s > MAX_TIMEOUT_SECONDS) {
            throw new InvalidInputException(
                    "parameter 'timeoutSeconds' must be between 1 and " + MAX_TIMEOUT_SECONDS + ", was " + s);
        }
        return Duration.ofSeconds(s);
    }

    private Duration interval(RunParameters p) {
        long s = p.integer("intervalSeconds", 30);
        if (s < minIntervalSeconds || s > 3600) {
            throw new InvalidInputException(
                    "parameter 'intervalSeconds' must be between " + minIntervalSeconds + " and 3600, was " + s);
        }
        return Duration.ofSeconds(s);
    }
}
