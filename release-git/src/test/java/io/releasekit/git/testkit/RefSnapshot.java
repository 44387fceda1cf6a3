package io.releasekit.git.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Every ref of a repository and where HEAD points, read in-process from a freshly opened repository (no cached
 * state) — for tests that take many snapshots; {@link GitCli#refs(Path)} is the cross-check with git itself.
 */
public final class RefSnapshot {

    private RefSnapshot() {}

    /** The refs of the repository in {@code dir} (a working directory or a bare repository). */
    public static Map<String, String> of(Path dir) {
        Path gitDir = Files.isDirectory(dir.resolve(Constants.DOT_GIT)) ? dir.resolve(Constants.DOT_GIT) : dir;
        try (Repository repo = new FileRepositoryBuilder()
                .setGitDir(gitDir.toFile())
                .setMustExist(true)
                .build()) {
            Map<String, String> refs = new TreeMap<>();
            for (Ref ref : repo.getRefDatabase().getRefs()) {
                if (!ref.isSymbolic() && ref.getObjectId() != null) {
                    refs.put(ref.getName(), ref.getObjectId().name());
                }
            }
            Ref head = repo.exactRef(Constants.HEAD);
            if (head != null) {
                refs.put(
                        "HEAD",
                        head.isSymbolic()
                                ? "-> " + head.getTarget().getName()
                                : String.valueOf(
                                        head.getObjectId() == null
                                                ? null
                                                : head.getObjectId().name()));
            }
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
