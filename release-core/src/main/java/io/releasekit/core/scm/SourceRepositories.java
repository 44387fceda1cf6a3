package io.releasekit.core.scm;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.internal.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured repositories by name. Repositories are opened on first use (opening may clone, which needs the
 * remote), then kept open until {@link #close()}. Requests name a repository; they never carry a path or a URL.
 */
public final class SourceRepositories implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRepositories.class);

    private final Map<String, Supplier<? extends SourceRepository>> openers;
    private final ConcurrentHashMap<String, SourceRepository> open = new ConcurrentHashMap<>();

    private SourceRepositories(Map<String, Supplier<? extends SourceRepository>> openers) {
        this.openers = Map.copyOf(openers);
    }

    /** A registry of repositories already open. */
    public static SourceRepositories of(Map<String, ? extends SourceRepository> repositories) {
        Map<String, Supplier<? extends SourceRepository>> openers = new LinkedHashMap<>();
        repositories.forEach((name, repo) -> openers.put(name, () -> repo));
        return new SourceRepositories(openers);
    }

    /** A registry that opens each repository on first use with its opener. */
    public static SourceRepositories lazy(Map<String, Supplier<? extends SourceRepository>> openers) {
        return new SourceRepositories(openers);
    }

    /**
     * The repository configured under {@code name}, opened if needed.
     *
     * @throws NotFoundException when no repository has that name
     */
    public SourceRepository get(String name) {
        Supplier<? extends SourceRepository> opener = name == null ? null : openers.get(name);
        if (opener == null) {
            throw new NotFoundException(
                    "repository '" + Text.printable(name, 64) + "' is not configured; configured: " + names());
        }
        return open.computeIfAbsent(name, n -> Objects.requireNonNull(opener.get(), "opener of " + n));
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
