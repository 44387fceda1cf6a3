package io.releasekit.process.git;

import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Step;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import java.util.List;

/** Every git process kind, for registration with a runner. */
public final class GitProcesses {

    /**
     * Output key prefix of the kinds' {@code fetch} step: {@code reset:refs/heads/<branch>} is the commit an owned
     * branch was reset to — in a dry run, would be reset to (the local branch is unchanged there, so later dry-run
     * steps plan on that commit instead).
     */
    public static final String RESET_OUTPUT = "reset:";

    private GitProcesses() {}

    /**
     * The kinds' {@code fetch} step, for a recipe that writes more branches than the kind it reuses (e.g. {@code
     * aether.cut-branch} writes the release branch and main): the fetch owns every branch in {@code owned} (see
     * {@link io.releasekit.core.scm.FetchCommand#own}), reports the commits a recovery dropped, or in a dry run would
     * drop, and outputs {@link #RESET_OUTPUT} per reset branch.
     *
     * @param repo the repository
     * @param remote the remote, reached through the guard {@code git:<remote>}
     * @param owned the branches the run writes
     * @return the step, named {@code fetch}
     */
    public static Step fetchStep(SourceRepository repo, String remote, List<String> owned) {
        return GitProcess.fetch(repo, remote, owned);
    }

    /** {@code git.tag}, {@code git.lazy-branch}, {@code git.cherry-pick}, {@code git.move-branch}, {@code git.sync-branches}. */
    public static List<ProcessDefinition> all(SourceRepositories repositories) {
        return List.of(
                new TagProcess(repositories),
                new LazyBranchProcess(repositories),
                new CherryPickProcess(repositories),
                new MoveBranchProcess(repositories),
                new SyncBranchesProcess(repositories));
    }
}
