package io.releasekit.git.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.git.GitRepositorySettings;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.Transport;

/**
 * Clones a configured remote into the working directory: a new repository is made in a sibling directory, its remote
 * configured, the remote fetched, a local branch made for every remote branch and the remote's default branch checked
 * out; only then is it renamed into place, so an interrupted clone never leaves a half repository behind. Automatic
 * garbage collection runs in the foreground ({@code gc.autoDetach=false}), never in a thread that outlives an
 * operation.
 */
public final class Cloner {

    private Cloner() {}

    /** Whether {@code dir} is missing or an empty directory, i.e. there is nothing to open and a clone may go there. */
    public static boolean isAbsentOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Clones the settings' remote into their directory. */
    public static void cloneInto(GitRepositorySettings settings) {
        settings.remoteUrl()
                .orElseThrow(() -> new InvalidInputException("repository '" + settings.name() + "' has no directory at "
                        + settings.directory() + " and no remote URL to clone it from"));
        Path dir = settings.directory();
        Path tmp = dir.resolveSibling("." + dir.getFileName() + ".clone-" + UUID.randomUUID());
        GitErrors.translating(
                "clone '" + settings.remoteName() + "' into repository '" + settings.name() + "'",
                GitContext.service(settings.remoteName()),
                () -> {
                    try {
                        Files.createDirectories(dir.getParent());
                        cloneTo(tmp, settings);
                        if (Files.isDirectory(dir)) {
                            Files.delete(dir); // empty, checked by the caller
                        }
                        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                        return null;
                    } finally {
                        deleteQuietly(tmp);
                    }
                });
    }

    private static void cloneTo(Path tmp, GitRepositorySettings settings) throws Exception {
        String remote = settings.remoteName();
        try (Repository repo =
                FileRepositoryBuilder.create(tmp.resolve(Constants.DOT_GIT).toFile())) {
            repo.create(false);
            StoredConfig config = repo.getConfig();
            config.setBoolean("gc", null, "autoDetach", false);
            config.save();
            RemoteSetup.ensure(repo, settings);
            GitContext ctx = new GitContext(repo, settings);
            FetchResult fetched;
            try (Transport transport = ctx.openTransport(remote)) {
                fetched = transport.fetch(NullProgressMonitor.INSTANCE, Fetching.refSpecs(remote));
            }
            Map<String, ObjectId> heads = Fetching.heads(fetched.getAdvertisedRefs());
            Optional<String> defaultBranch = defaultBranch(fetched, heads);
            if (defaultBranch.isPresent()) {
                RefUpdate head = repo.updateRef(Constants.HEAD);
                head.disableRefLog();
                GitErrors.checkRefUpdate(head.link(Constants.R_HEADS + defaultBranch.get()), Constants.HEAD);
            }
            LocalBranches.follow(ctx, heads, false);
        }
    }

    /** The branch the remote's HEAD names, else one at the same commit (main, master first), else any. */
    private static Optional<String> defaultBranch(FetchResult fetched, Map<String, ObjectId> heads) {
        Ref head = fetched.getAdvertisedRef(Constants.HEAD);
        if (head != null && head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)) {
            String name = head.getTarget().getName().substring(Constants.R_HEADS.length());
            if (heads.containsKey(name)) {
                return Optional.of(name);
            }
        }
        ObjectId headId = head == null ? null : head.getObjectId();
        for (String preferred : new String[] {"main", "master"}) {
            if (heads.containsKey(preferred)
                    && (headId == null || heads.get(preferred).equals(headId))) {
                return Optional.of(preferred);
            }
        }
        return heads.entrySet().stream()
                .filter(e -> headId == null || e.getValue().equals(headId))
                .map(Map.Entry::getKey)
                .findFirst()
                .or(() -> heads.keySet().stream().findFirst());
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless and is named so that it is recognisable
        }
    }
}
