package io.releasekit.git.testkit;

import io.releasekit.core.scm.Identity;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Builds real repositories on disk for tests: commits on any branch without touching the working tree (author times
 * one minute apart, so history is deterministic), branches, and a final checkout that makes the working tree match.
 */
public final class RepoFixture implements AutoCloseable {

    /** The identity releasekit writes with in tests. */
    public static final Identity RELEASER = new Identity("Release Bot", "release-bot@example.com");

    private static final long EPOCH = 1_700_000_000L;

    private final Git git;
    private final Path dir;
    private long clock;

    private RepoFixture(Git git, Path dir) {
        this.git = git;
        this.dir = dir;
    }

    /** A new working directory with {@code main} as its initial branch. */
    public static RepoFixture init(Path dir) {
        return create(dir, false);
    }

    /** A new bare repository (e.g. a remote served by {@link GitHttpServer}). */
    public static RepoFixture initBare(Path dir) {
        return create(dir, true);
    }

    private static RepoFixture create(Path dir, boolean bare) {
        try {
            Git git = Git.init()
                    .setDirectory(dir.toFile())
                    .setBare(bare)
                    .setInitialBranch("main")
                    .call();
            return new RepoFixture(git, dir);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory (working tree, or the repository itself when bare). */
    public Path dir() {
        return dir;
    }

    /** The {@code .git} directory (the directory itself when bare). */
    public Path gitDir() {
        return git.getRepository().getDirectory().toPath();
    }

    /** The JGit repository. */
    public Repository repository() {
        return git.getRepository();
    }

    /**
     * Commits on {@code branch} (created from nothing when it does not exist) with files given as path, content
     * pairs; a {@code null} content deletes the file.
     *
     * @return the new commit's id
     */
    public String commit(String branch, String message, String... pathsAndContents) {
        return commitWithParents(branch, message, null, pathsAndContents);
    }

    /** Commits a merge of {@code other} into {@code branch} with the given resulting files changed on top of branch. */
    public String merge(String branch, String other, String message, String... pathsAndContents) {
        return commitWithParents(branch, message, other, pathsAndContents);
    }

    private String commitWithParents(String branch, String message, String other, String... pathsAndContents) {
        if (pathsAndContents.length % 2 != 0) {
            throw new IllegalArgumentException("paths and contents come in pairs");
        }
        Repository repo = repository();
        try (ObjectInserter inserter = repo.newObjectInserter();
                ObjectReader reader = repo.newObjectReader();
                RevWalk walk = new RevWalk(reader)) {
            Ref ref = repo.exactRef(Constants.R_HEADS + branch);
            RevCommit parent = ref == null ? null : walk.parseCommit(ref.getObjectId());
            DirCache index = DirCache.newInCore();
            if (parent != null) {
                DirCacheBuilder b = index.builder();
                b.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parent.getTree());
                b.finish();
            }
            DirCacheEditor editor = index.editor();
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                String path = pathsAndContents[i];
                String content = pathsAndContents[i + 1];
                if (content == null) {
                    editor.add(new DirCacheEditor.DeletePath(path));
                } else {
                    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
                    editor.add(new DirCacheEditor.PathEdit(path) {
                        @Override
                        public void apply(DirCacheEntry entry) {
                            entry.setFileMode(FileMode.REGULAR_FILE);
                            entry.setObjectId(blob);
                        }
                    });
                }
            }
            editor.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (parent != null && other != null) {
                commit.setParentIds(parent, repo.resolve(other));
            } else if (parent != null) {
                commit.setParentId(parent);
            }
            PersonIdent who = new PersonIdent(
                    "Dev Eloper",
                    "dev@example.com",
                    java.time.Instant.ofEpochSecond(EPOCH + 60 * clock++),
                    java.time.ZoneOffset.UTC);
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            setRef(Constants.R_HEADS + branch, id);
            return id.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates or moves {@code branch} to {@code revision}. */
    public void branch(String branch, String revision) {
        try {
            setRef(Constants.R_HEADS + branch, repository().resolve(revision));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points HEAD at {@code branch} and makes index and working tree match it. */
    public RepoFixture checkout(String branch) {
        try {
            RefUpdate u = repository().updateRef(Constants.HEAD);
            u.link(Constants.R_HEADS + branch);
            git.reset()
                    .setMode(ResetCommand.ResetType.HARD)
                    .setRef(Constants.HEAD)
                    .call();
            return this;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A branch's head id. */
    public String head(String branch) {
        try {
            return repository()
                    .exactRef(Constants.R_HEADS + branch)
                    .getObjectId()
                    .name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings for a releasekit repository named {@code name} on this directory, with {@link #RELEASER}. */
    public GitRepositorySettings.Builder settings(String name) {
        return GitRepositorySettings.builder(name, dir).identity(RELEASER);
    }

    /** Opens this directory as a releasekit repository named {@code repo}. */
    public JGitSourceRepository open() {
        return JGitSourceRepository.open(settings("repo").build());
    }

    /** Every ref and HEAD, from the git command line. */
    public Map<String, String> refs() {
        return GitCli.refs(dir);
    }

    private void setRef(String ref, ObjectId id) throws IOException {
        RefUpdate u = repository().updateRef(ref);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        RefUpdate.Result r = u.update();
        if (r != RefUpdate.Result.NEW
                && r != RefUpdate.Result.FORCED
                && r != RefUpdate.Result.FAST_FORWARD
                && r != RefUpdate.Result.NO_CHANGE) {
            throw new IllegalStateException("could not set " + ref + ": " + r);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
