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
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Clones a configured remote into the working directory. The clone is made in a sibling directory and renamed into
 * place when complete, so an interrupted clone (a time-out, a crash) never leaves a half repository behind.
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
        String url = settings.remoteUrl()
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
                        var clone = Git.cloneRepository()
                                .setURI(url)
                                .setDirectory(tmp.toFile())
                                .setRemote(settings.remoteName())
                                .setCloneAllBranches(true)
                                .setTimeout((int) Math.max(1, settings.timeout().toSeconds()));
                        settings.credentials()
                                .ifPresent(c -> clone.setCredentialsProvider(
                                        new UsernamePasswordCredentialsProvider(c.username(), c.password())));
                        clone.call().close();
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
