package io.releasekit.process.git;

import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.BranchName;
import io.releasekit.core.scm.BranchOutcome;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.version.SemVer;
import java.util.List;
import java.util.Map;

/**
 * {@code git.lazy-branch} (seed 003): create a release branch at the commit that set VERSION to a value, if it does
 * not exist yet, and push it. Steps: {@code fetch}, {@code create-lazy-branch} (branch already containing the commit:
 * skipped), {@code push-branch}.
 */
public final class LazyBranchProcess extends GitProcess {

    /** The kind. */
    public static final String KIND = "git.lazy-branch";

    /**
     * @param repositories the configured repositories
     */
    public LazyBranchProcess(SourceRepositories repositories) {
        super(repositories);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Create a release branch at the commit that set the VERSION file to a version, unless it exists";
    }

    @Override
    public ParameterSpec parameters() {
        return commonParameters()
                .string("branch", true, "the release branch, e.g. aether-2.1")
                .string("version", true, "the VERSION value whose commit the branch starts at, e.g. 2.1.0")
                .string("from", false, "where to search history from (default: main)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        SourceRepository repo = repository(p);
        BranchName branch = BranchName.of(p.string("branch"));
        SemVer version = SemVer.parse(p.string("version"));
        String from = p.optionalString("from").orElse("main");
        repo.lazyBranch(branch.value()).from(from); // checks the name now
        Step create = Step.of("create-lazy-branch", List.of(), true, ctx -> {
            BranchOutcome outcome = repo.lazyBranch(branch.value())
                    .forVersion(version.toString())
                    .from(from)
                    .dryRun(ctx.dryRun())
                    .call();
            Map<String, String> out =
                    outputs("branch", branch.value(), "commit", outcome.commit().value());
            if (outcome instanceof BranchOutcome.AlreadyExists) {
                return StepOutcome.skipped(
                        "branch " + branch + " already exists at "
                                + outcome.commit().abbreviated(),
                        out);
            }
            if (ctx.dryRun()) {
                ctx.plan("create branch " + branch + " at " + outcome.commit());
            }
            return StepOutcome.succeeded(
                    (ctx.dryRun() ? "would create" : "created") + " branch " + branch + " at "
                            + outcome.commit().abbreviated() + ", the commit that set VERSION to " + version,
                    out);
        });
        return withRemote(
                repo,
                remote(repo, p),
                List.of(branch.value()),
                List.of(create),
                r -> push(repo, r, "push-branch", List.of(branch.ref()), false, Map.of(branch.ref(), "commit")));
    }
}
