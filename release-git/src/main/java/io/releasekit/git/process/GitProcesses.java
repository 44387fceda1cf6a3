package io.releasekit.git.process;

import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.scm.SourceRepositories;
import java.util.List;

/** Every git process kind, for registration with a runner. */
public final class GitProcesses {

    private GitProcesses() {}

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
