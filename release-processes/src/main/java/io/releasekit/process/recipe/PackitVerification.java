package io.releasekit.process.recipe;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.deploy.ComponentExpectation;
import io.releasekit.core.deploy.DeploymentStatus;
import io.releasekit.core.deploy.DeploymentStatuses;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.process.deploy.DeploymentStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The deployment checks of {@code packit.deployment} (seed 004): {@code check-staging} before anything starts — staging
 * answers and each repository's component reports the head of {@code main} (what is about to be deployed was tested
 * there) — and {@code verify-production} after the image builds — production reports, per component, the commit this
 * run moved {@code stable} to (for a repository it did not move: the commit {@code stable} is at). A component that is
 * no repository (e.g. {@code ogr}) must report some value.
 */
final class PackitVerification {

    /** The staging check's step name. */
    static final String CHECK_STAGING = "check-staging";
    /** The production wait's step name; its failure keeps the deployment notice up. */
    static final String VERIFY_PRODUCTION = "verify-production";

    private final ReleaseHosts hosts;
    private final DeploymentStatuses deployments;
    private final DeploymentWaiter waiter;

    PackitVerification(ReleaseHosts hosts, DeploymentStatuses deployments, DeploymentWaiter waiter) {
        this.hosts = hosts;
        this.deployments = deployments;
        this.waiter = waiter;
    }

    static void parameters(ParameterSpec.Builder b) {
        b.string(
                        "staging",
                        false,
                        "configured deployment checked before anything starts: it answers and (stagingRunsMain) each"
                                + " repository's component reports the head of main")
                .bool("stagingRunsMain", false, "with staging: require the head of main on staging (default true)")
                .string(
                        "production",
                        false,
                        "configured deployment that must report the commits stable was moved to before the topics"
                                + " are restored; if it does not, the notice stays up and the channels are told why")
                .integer("verifyTimeoutSeconds", false, "how long to wait for production (default 1800)")
                .integer("verifyIntervalSeconds", false, "pause between reads of production's status (default 30)");
    }

    /** {@code check-staging}, when the run names {@code staging}. */
    List<Step> stagingCheck(RunParameters p) {
        Optional<DeploymentStatus> staging = deployment(p, "staging");
        if (staging.isEmpty()) {
            return List.of();
        }
        boolean runsMain = p.bool("stagingRunsMain", true);
        String main = p.optionalString("main").orElse("main");
        List<String> repos = runsMain ? repositories(p, staging.get()) : List.of();
        DeploymentStatus status = staging.get();
        return List.of(DeploymentStep.check(
                        CHECK_STAGING,
                        status,
                        ctx -> expectations(
                                status, c -> repos.contains(c) ? Optional.of(commit(c, main)) : Optional.empty()))
                .needing(github(repos)));
    }

    /** {@code verify-production}, when the run names {@code production}. */
    List<Step> productionWait(RunParameters p) {
        Optional<DeploymentStatus> production = deployment(p, "production");
        if (production.isEmpty()) {
            return List.of();
        }
        DeploymentStatus status = production.get();
        List<String> repos = repositories(p, status);
        List<String> moved = p.strings("moveStable");
        String ref = p.optionalString("ref").orElse("stable");
        return List.of(DeploymentStep.await(
                        VERIFY_PRODUCTION,
                        status,
                        ctx -> expectations(status, c -> expected(ctx, c, moved, repos, ref)),
                        waiter,
                        DeploymentStep.timeout(p, "verifyTimeoutSeconds", 1800),
                        DeploymentStep.interval(p, "verifyIntervalSeconds", 30))
                .needing(github(repos)));
    }

    /** The commit a component must report: the one pushed by this run, else the ref's on GitHub, else any. */
    private Optional<String> expected(
            StepContext ctx, String component, List<String> moved, List<String> repos, String ref) {
        if (moved.contains(component)) {
            Optional<String> pushed = ctx.output(PackitDeploymentProcess.movedKey(component));
            if (pushed.isPresent() || ctx.dryRun()) {
                return pushed; // a dry run pushed nothing and does not wait
            }
        }
        return repos.contains(component) ? Optional.of(commit(component, ref)) : Optional.empty();
    }

    private String commit(String repo, String ref) {
        return hosts.get(repo).resolveCommit(ref);
    }

    private static List<ComponentExpectation> expectations(
            DeploymentStatus status, Function<String, Optional<String>> expected) {
        List<ComponentExpectation> out = new ArrayList<>();
        for (String c : status.components().keySet()) {
            out.add(new ComponentExpectation(c, expected.apply(c)));
        }
        return out;
    }

    /** The run's GitHub repositories that are components of the deployment. */
    private static List<String> repositories(RunParameters p, DeploymentStatus status) {
        return p.strings("repositories").stream()
                .filter(status.components()::containsKey)
                .toList();
    }

    private List<ServiceNeed> github(List<String> repos) {
        return repos.stream()
                .map(r -> hosts.get(r).service())
                .distinct()
                .map(ServiceNeed::strict)
                .toList();
    }

    private Optional<DeploymentStatus> deployment(RunParameters p, String parameter) {
        Optional<String> name = p.optionalString(parameter);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (deployments == null || waiter == null) {
            throw new InvalidInputException(
                    "parameter '" + parameter + "' is refused: this server has no deployments configured");
        }
        return Optional.of(deployments.get(name.get()));
    }
}
