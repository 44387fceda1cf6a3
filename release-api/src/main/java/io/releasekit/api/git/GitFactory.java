package io.releasekit.api.git;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.git.process.CherryPickProcess;
import io.releasekit.git.process.LazyBranchProcess;
import io.releasekit.git.process.MoveBranchProcess;
import io.releasekit.git.process.SyncBranchesProcess;
import io.releasekit.git.process.TagProcess;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The configured repositories and the git process kinds. Each repository is opened on first use; a missing working
 * directory is cloned from its remote then, through the guard {@code git:<remote>}.
 */
@Factory
public class GitFactory {

    /** The repositories configured under {@code releasekit.repositories.*}. */
    @Singleton
    @Bean(preDestroy = "close")
    public SourceRepositories sourceRepositories(List<RepositoryProperties> properties, ServiceGuards guards) {
        Map<String, Supplier<? extends SourceRepository>> openers = new LinkedHashMap<>();
        for (RepositoryProperties p : properties) {
            openers.put(p.getName(), () -> open(p.toSettings(), guards));
        }
        return SourceRepositories.lazy(openers);
    }

    private static SourceRepository open(GitRepositorySettings settings, ServiceGuards guards) {
        if (JGitSourceRepository.needsClone(settings)) {
            return guards.call("git:" + settings.remoteName(), () -> JGitSourceRepository.cloneOrOpen(settings));
        }
        return JGitSourceRepository.open(settings);
    }

    /** {@code git.tag}. */
    @Singleton
    public TagProcess gitTagProcess(SourceRepositories repositories) {
        return new TagProcess(repositories);
    }

    /** {@code git.lazy-branch}. */
    @Singleton
    public LazyBranchProcess gitLazyBranchProcess(SourceRepositories repositories) {
        return new LazyBranchProcess(repositories);
    }

    /** {@code git.cherry-pick}. */
    @Singleton
    public CherryPickProcess gitCherryPickProcess(SourceRepositories repositories) {
        return new CherryPickProcess(repositories);
    }

    /** {@code git.move-branch}. */
    @Singleton
    public MoveBranchProcess gitMoveBranchProcess(SourceRepositories repositories) {
        return new MoveBranchProcess(repositories);
    }

    /** {@code git.sync-branches}. */
    @Singleton
    public SyncBranchesProcess gitSyncBranchesProcess(SourceRepositories repositories) {
        return new SyncBranchesProcess(repositories);
    }
}
