package io.releasekit.git.internal;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.service.ServiceNames;
import io.releasekit.git.GitRepositorySettings;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RemoteConfig;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * What every operation on one repository shares: the JGit repository, its settings, and the lock that lets one write
 * at a time in this process (refs are still updated with an expected old value, so writers in other processes are
 * detected too).
 */
public final class GitContext {

    private final Repository repository;
    private final GitRepositorySettings settings;
    private final ReentrantLock writeLock = new ReentrantLock();

    /**
     * @param repository the open repository
     * @param settings its settings
     */
    public GitContext(Repository repository, GitRepositorySettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /** The JGit repository. */
    public Repository repository() {
        return repository;
    }

    /** The settings. */
    public GitRepositorySettings settings() {
        return settings;
    }

    /** The repository's configured name. */
    public String name() {
        return settings.name();
    }

    /** A fresh author/committer identity with the current time. */
    public PersonIdent ident() {
        return new PersonIdent(settings.identity().name(), settings.identity().email());
    }

    /** Runs a write under this repository's write lock, translating JGit's exceptions. */
    public <T> T write(String what, GitErrors.GitAction<T> action) {
        writeLock.lock();
        try {
            return GitErrors.translating(what, null, action);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs a write that reaches a remote under this repository's write lock, translating JGit's exceptions; network
     * failures become {@link io.releasekit.core.ServiceUnavailableException}s of {@code git:<remote>}.
     */
    public <T> T writeRemote(String what, String remote, GitErrors.GitAction<T> action) {
        writeLock.lock();
        try {
            return GitErrors.translating(what, service(remote), action);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs a read, translating JGit's exceptions. */
    public <T> T read(String what, GitErrors.GitAction<T> action) {
        return GitErrors.translating(what, null, action);
    }

    /**
     * Opens a transport to a configured remote, with the configured credentials and time-out.
     *
     * @throws NotFoundException when the remote is not configured in the repository
     */
    public Transport openTransport(String remote) throws Exception {
        RemoteConfig config = new RemoteConfig(repository.getConfig(), remote);
        if (config.getURIs().isEmpty()) {
            throw new NotFoundException(
                    "remote '" + remote + "' is not configured in repository '" + settings.name() + "'");
        }
        Transport transport = Transport.open(repository, config);
        transport.setTimeout((int) Math.max(1, settings.timeout().toSeconds()));
        settings.credentials()
                .ifPresent(c -> transport.setCredentialsProvider(
                        new UsernamePasswordCredentialsProvider(c.username(), c.password())));
        return transport;
    }

    /** The guard name of a remote, {@code git:<remote>}. */
    public static String service(String remote) {
        return ServiceNames.git(remote);
    }
}
