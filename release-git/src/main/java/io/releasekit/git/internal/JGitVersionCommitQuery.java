package io.releasekit.git.internal;

import static io.releasekit.git.internal.Revisions.id;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.VersionCommit;
import io.releasekit.core.scm.VersionCommitQuery;
import io.releasekit.core.version.SemVer;
import java.io.IOException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** {@link VersionCommitQuery} on JGit. */
public final class JGitVersionCommitQuery extends VersionCommitQuery {

    private final GitContext ctx;

    /**
     * @param ctx the repository
     * @param version the VERSION value
     */
    public JGitVersionCommitQuery(GitContext ctx, String version) {
        super(version);
        this.ctx = ctx;
    }

    @Override
    protected VersionCommit execute() {
        String path = versionFile().orElse(ctx.settings().versionFile());
        return ctx.read("find the commit that set " + path + " to " + version(), () -> {
            try (RevWalk walk = new RevWalk(ctx.repository())) {
                RevCommit start = Revisions.commit(ctx, walk, from());
                return find(ctx, walk, start, from(), path, version());
            }
        });
    }

    /**
     * The commit that set {@code path} to {@code version}, searched from {@code start}.
     *
     * @throws NotFoundException naming the version when no commit set it
     */
    static VersionCommit find(GitContext ctx, RevWalk walk, RevCommit start, String from, String path, SemVer version)
            throws IOException {
        VersionHistory history = new VersionHistory(walk.getObjectReader(), path);
        VersionHistory.Found found = history.find(start, version);
        RevCommit commit = found.commit().orElseThrow(() -> notFound(ctx, history, start, from, path, version));
        return new VersionCommit(id(commit), version, path, found.examined());
    }

    private static NotFoundException notFound(
            GitContext ctx, VersionHistory history, RevCommit start, String from, String path, SemVer version) {
        String missing;
        try {
            missing =
                    history.blobIn(start.getTree()) == null ? " ('" + path + "' does not exist at '" + from + "')" : "";
        } catch (IOException e) {
            missing = "";
        }
        return new NotFoundException("no commit reachable from '" + from + "' in repository '" + ctx.name() + "' sets "
                + path + " to " + version + missing);
    }
}
