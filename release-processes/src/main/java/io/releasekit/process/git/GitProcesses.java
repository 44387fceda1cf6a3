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

    /**
     * Output key prefix of the kinds' {@code fetch} step in a dry run: {@code follows:refs/heads/<branch>} is the commit
     * the real fetch would create or move that local branch to (it follows the remote's). Later dry-run steps plan on
     * it, as the real run's steps will see that branch.
     */
    public static final String FOLLOW_OUTPUT = "follows:";

    /**
     * Output key prefix of a dry-run step that plans a write of a local ref: {@code plans:refs/heads/<branch>} (a
     * commit, a new branch) or {@code plans:refs/tags/<tag>}. A later push step plans pushing it.
     */
    public static final String PLANS_OUTPUT = "plans:";

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
