package io.releasekit.api.git;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.ReadableBytes;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.git.GitCacheSettings;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import io.releasekit.process.git.CherryPickProcess;
import io.releasekit.process.git.LazyBranchProcess;
import io.releasekit.process.git.MoveBranchProcess;
import io.releasekit.process.git.SyncBranchesProcess;
import io.releasekit.process.git.TagProcess;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured repositories and the git process kinds. Each repository is opened on first use; a missing working
 * directory is cloned from its remote then, through the guard {@code git:<remote>}.
 */
@Factory
public class GitFactory {

    private static final Logger LOG = LoggerFactory.getLogger(GitFactory.class);

    /**
     * The repositories configured under {@code releasekit.repositories.*}. Installs JGit's JVM-wide pack cache sizes
     * first ({@code releasekit.git.cache.*}, defaults {@link GitCacheSettings#recommended()}).
     */
    @Singleton
    @Bean(preDestroy = "close")
    public SourceRepositories sourceRepositories(
            List<RepositoryProperties> properties,
            ServiceGuards guards,
            @Property(name = "releasekit.git.cache.pack-limit", defaultValue = "128MB") @ReadableBytes long packLimit,
            @Property(name = "releasekit.git.cache.window-size", defaultValue = "64KB") @ReadableBytes int windowSize,
            @Property(name = "releasekit.git.cache.delta-base-cache", defaultValue = "32MB") @ReadableBytes
                    int deltaBaseCache) {
        new GitCacheSettings(packLimit, windowSize, deltaBaseCache).install();
        Map<String, SourceRepositories.Opener> openers = new LinkedHashMap<>();
        for (RepositoryProperties p : properties) {
            GitRepositorySettings settings = p.toSettings();
            openers.put(p.getName(), new SourceRepositories.Opener() {
                @Override
                public Optional<String> cloneRemote() { // a clone goes through the guard of the remote it reads
                    return JGitSourceRepository.needsClone(settings)
                                    && settings.remoteUrl().isPresent()
                            ? Optional.of(settings.remoteName())
                            : Optional.empty();
                }

                @Override
                public SourceRepository open() {
                    return GitFactory.open(settings);
                }
            });
        }
        return SourceRepositories.opening(openers, guards);
    }

    /**
     * Opens a repository, cloning it first when its directory is missing or empty. A directory that holds no
     * repository, with nothing to clone it from, is the server's misconfiguration: 503 naming the repository (the
     * path is logged here, never sent to the caller).
     */
    private static SourceRepository open(GitRepositorySettings settings) {
        boolean clone = JGitSourceRepository.needsClone(settings);
        if (clone && settings.remoteUrl().isPresent()) {
            return JGitSourceRepository.cloneOrOpen(settings);
        }
        try {
            if (clone) {
                throw new NotFoundException("empty directory and no remote-url");
            }
            return JGitSourceRepository.open(settings);
        } catch (NotFoundException e) {
            LOG.warn(
                    "repository '{}' is not available at {}: {}",
                    settings.name(),
                    settings.directory(),
                    e.getMessage());
            throw new ServiceUnavailableException(
                    "git",
                    "repository '" + settings.name() + "' is not available: its configured directory holds no git "
                            + "repository and there is no remote-url to clone it from");
        }
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
