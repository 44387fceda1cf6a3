package io.releasekit.core.scm;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.internal.Text;
import io.releasekit.core.scm.internal.GuardedSourceRepository;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.service.ServiceNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured repositories by name. Repositories are opened on first use (opening may clone, which needs the
 * remote), then kept open until {@link #close()}. Requests name a repository; they never carry a path or a URL. The
 * repositories it hands out are guarded: their calls to a remote go through the guard {@code git:<remote>}, so a
 * caller never wraps a call itself.
 */
public final class SourceRepositories implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRepositories.class);

    private final Map<String, Opener> openers;
    private final ServiceGuards guards;
    private final ConcurrentHashMap<String, SourceRepository> open = new ConcurrentHashMap<>();

    private SourceRepositories(Map<String, Opener> openers, ServiceGuards guards) {
        this.openers = Map.copyOf(openers);
        this.guards = Objects.requireNonNull(guards, "guards");
    }

    /** A registry of repositories already open, guarded by {@code guards}. */
    public static SourceRepositories of(Map<String, ? extends SourceRepository> repositories, ServiceGuards guards) {
        Map<String, Opener> openers = new LinkedHashMap<>();
        repositories.forEach((name, repo) -> openers.put(name, Opener.of(() -> repo)));
        return new SourceRepositories(openers, guards);
    }

    /** A registry that opens each repository on first use with its opener, guarded by {@code guards}. */
    public static SourceRepositories lazy(
            Map<String, Supplier<? extends SourceRepository>> openers, ServiceGuards guards) {
        Map<String, Opener> wrapped = new LinkedHashMap<>();
        openers.forEach((name, opener) -> wrapped.put(name, Opener.of(opener)));
        return new SourceRepositories(wrapped, guards);
    }

    /**
     * A registry that opens each repository on first use with its {@link Opener}; an opening that clones goes through
     * the guard of the remote it clones from.
     */
    public static SourceRepositories opening(Map<String, Opener> openers, ServiceGuards guards) {
        return new SourceRepositories(openers, guards);
    }

    /** What every repository handed out is wrapped in: the one place a port's calls get their guard. */
    private SourceRepository decorate(SourceRepository repo) {
        return repo instanceof GuardedSourceRepository ? repo : new GuardedSourceRepository(repo, guards);
    }

    private SourceRepository openWith(String name, Opener opener) {
        Optional<String> remote = opener.cloneRemote();
        SourceRepository repo =
                remote.isPresent() ? guards.call(ServiceNames.git(remote.get()), opener::open) : opener.open();
        return decorate(Objects.requireNonNull(repo, "opener of " + name));
    }

    /** Opens one configured repository. */
    public interface Opener {

        /**
         * The remote this opening clones from, when it has to clone (the repository is not on disk yet): the opening
         * then goes through that remote's guard. Empty for a repository already on disk.
         */
        default Optional<String> cloneRemote() {
            return Optional.empty();
        }

        /** Opens (or clones and opens) the repository. */
        SourceRepository open();

        /** An opener that never clones. */
        static Opener of(Supplier<? extends SourceRepository> open) {
            Objects.requireNonNull(open, "open");
            return open::get;
        }
    }

    /**
     * The repository configured under {@code name}, opened if needed, guarded.
     *
     * @throws NotFoundException when no repository has that name
     */
    public SourceRepository get(String name) {
        Opener opener = name == null ? null : openers.get(name);
        if (opener == null) {
            throw new NotFoundException(
                    "repository '" + Text.printable(name, 64) + "' is not configured; configured: " + names());
        }
        return open.computeIfAbsent(name, n -> openWith(n, opener));
    }

    /** Whether a repository is configured under {@code name}. */
    public boolean contains(String name) {
        return name != null && openers.containsKey(name);
    }

    /** The configured names, sorted. */
    public List<String> names() {
        return openers.keySet().stream().sorted().toList();
    }

    /** Closes every repository that was opened. */
    @Override
    public void close() {
        open.forEach((name, repo) -> {
            try {
                repo.close();
            } catch (RuntimeException e) {
                LOG.warn("closing repository '{}' failed", name, e);
            }
        });
        open.clear();
    }
}
