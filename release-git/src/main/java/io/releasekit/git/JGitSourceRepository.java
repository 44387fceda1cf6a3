package io.releasekit.git;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.scm.CherryPickCommand;
import io.releasekit.core.scm.CommitFileCommand;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.CreateBranchCommand;
import io.releasekit.core.scm.FetchCommand;
import io.releasekit.core.scm.LazyBranchCommand;
import io.releasekit.core.scm.MoveBranchCommand;
import io.releasekit.core.scm.PushCommand;
import io.releasekit.core.scm.RefNames;
import io.releasekit.core.scm.RepositoryTag;
import io.releasekit.core.scm.ScmArguments;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.SyncCommand;
import io.releasekit.core.scm.TagCommand;
import io.releasekit.core.scm.TagName;
import io.releasekit.core.scm.VersionCommitQuery;
import io.releasekit.git.internal.Cloner;
import io.releasekit.git.internal.GitContext;
import io.releasekit.git.internal.GitErrors;
import io.releasekit.git.internal.JGitCherryPickCommand;
import io.releasekit.git.internal.JGitCommitFileCommand;
import io.releasekit.git.internal.JGitCreateBranchCommand;
import io.releasekit.git.internal.JGitFetchCommand;
import io.releasekit.git.internal.JGitLazyBranchCommand;
import io.releasekit.git.internal.JGitMoveBranchCommand;
import io.releasekit.git.internal.JGitPushCommand;
import io.releasekit.git.internal.JGitSyncCommand;
import io.releasekit.git.internal.JGitTagCommand;
import io.releasekit.git.internal.JGitVersionCommitQuery;
import io.releasekit.git.internal.RemoteSetup;
import io.releasekit.git.internal.Revisions;
import io.releasekit.git.internal.TreeFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.Transport;

/**
 * {@link SourceRepository} on JGit, for a working directory (or a bare repository) on disk.
 *
 * <pre>{@code
 * try (SourceRepository repo = JGitSourceRepository.cloneOrOpen(settings)) {
 *     repo.lazyBranch("aether-2.1").forVersion("2.1.0").from("main").call();
 * }
 * }</pre>
 *
 * <p>Writes never use the index or the working tree to compute anything: merges and picks are made in memory and the
 * result is written only when complete. When the branch being moved is the one checked out, the index and working
 * tree follow it (and a local change in the way is a conflict, reported before anything is written). Writes from this
 * process are serialised per repository; every ref update also names the value it expects, so a concurrent writer
 * elsewhere is detected, never overwritten.
 */
public final class JGitSourceRepository implements SourceRepository {

    private final GitContext ctx;

    private JGitSourceRepository(Repository repository, GitRepositorySettings settings) {
        this.ctx = new GitContext(repository, settings);
    }

    /**
     * Opens the repository in the settings' directory (a working directory or a bare repository). When a remote URL
     * is configured, the remote is set up in the repository's config.
     *
     * @throws NotFoundException when there is no repository in the directory
     */
    public static JGitSourceRepository open(GitRepositorySettings settings) {
        Repository repository = GitErrors.translating("open repository '" + settings.name() + "'", null, () -> {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
            if (Files.isDirectory(settings.directory().resolve(".git"))) {
                builder.setWorkTree(settings.directory().toFile());
            } else {
                builder.setGitDir(settings.directory().toFile());
            }
            try {
                return builder.build();
            } catch (org.eclipse.jgit.errors.RepositoryNotFoundException e) {
                throw new NotFoundException(
                        "repository '" + settings.name() + "': no git repository at " + settings.directory(), e);
            }
        });
        JGitSourceRepository repo = new JGitSourceRepository(repository, settings);
        if (settings.remoteUrl().isPresent()) {
            repo.ctx.read("configure remote '" + settings.remoteName() + "'", () -> {
                RemoteSetup.ensure(repository, settings);
                return null;
            });
        }
        return repo;
    }

    /**
     * Opens the repository, cloning it from the configured remote first when the directory is missing or empty. The
     * clone reaches the remote: guard it with {@code git:<remote>}.
     */
    public static JGitSourceRepository cloneOrOpen(GitRepositorySettings settings) {
        boolean absent = GitErrors.translating(
                "inspect " + settings.directory(), null, () -> Cloner.isAbsentOrEmpty(settings.directory()));
        if (absent) {
            Cloner.cloneInto(settings);
        }
        return open(settings);
    }

    /** Whether opening this repository needs a clone first (its directory is missing or empty). */
    public static boolean needsClone(GitRepositorySettings settings) {
        return GitErrors.translating(
                "inspect " + settings.directory(), null, () -> Cloner.isAbsentOrEmpty(settings.directory()));
    }

    /** The settings this repository was opened with. */
    public GitRepositorySettings settings() {
        return ctx.settings();
    }

    @Override
    public String name() {
        return ctx.name();
    }

    @Override
    public String versionFile() {
        return ctx.settings().versionFile();
    }

    @Override
    public Optional<String> defaultRemote() {
        return ctx.read(
                "list remotes",
                () -> ctx.repository().getRemoteNames().contains(ctx.settings().remoteName())
                        ? Optional.of(ctx.settings().remoteName())
                        : Optional.<String>empty());
    }

    @Override
    public CommitId resolve(String revision) {
        String checked = ScmArguments.revision("revision", revision);
        return ctx.read("resolve '" + checked + "'", () -> {
            try (RevWalk walk = new RevWalk(ctx.repository())) {
                return Revisions.id(Revisions.commit(ctx, walk, checked));
            }
        });
    }

    @Override
    public boolean isAncestor(String ancestor, String descendant) {
        String a = ScmArguments.revision("revision", ancestor);
        String d = ScmArguments.revision("revision", descendant);
        return ctx.read("compare '" + a + "' with '" + d + "'", () -> {
            try (RevWalk walk = new RevWalk(ctx.repository())) {
                RevCommit ac = Revisions.commit(ctx, walk, a);
                RevCommit dc = Revisions.commit(ctx, walk, d);
                return walk.isMergedInto(ac, dc);
            }
        });
    }

    @Override
    public Optional<String> readFile(String revision, String path) {
        String checked = ScmArguments.revision("revision", revision);
        String file = ScmArguments.filePath("file path", path);
        return ctx.read("read '" + file + "' at '" + checked + "'", () -> {
            try (RevWalk walk = new RevWalk(ctx.repository())) {
                RevCommit commit = Revisions.commit(ctx, walk, checked);
                return TreeFiles.read(walk.getObjectReader(), commit.getTree(), file)
                        .map(b -> new String(b, StandardCharsets.UTF_8));
            }
        });
    }

    @Override
    public List<RepositoryTag> tags(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return ctx.read("list tags" + (prefix.isEmpty() ? "" : " starting with '" + prefix + "'"), () -> {
            List<RepositoryTag> tags = new ArrayList<>();
            try (RevWalk walk = new RevWalk(ctx.repository())) {
                for (Ref ref : ctx.repository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS + prefix)) {
                    String name = ref.getName().substring(Constants.R_TAGS.length());
                    RevObject target = walk.parseAny(ref.getObjectId());
                    RevObject peeled = walk.peel(target);
                    if (peeled instanceof RevCommit commit && RefNames.isValidTagName(name)) {
                        tags.add(new RepositoryTag(TagName.of(name), Revisions.id(commit), target instanceof RevTag));
                    }
                }
            }
            return RepositoryTag.sorted(tags, prefix);
        });
    }

    @Override
    public Map<String, CommitId> remoteRefs(String remote) {
        String checked = ScmArguments.remote(remote);
        return GitErrors.translating("list refs of '" + checked + "'", GitContext.service(checked), () -> {
            Map<String, CommitId> refs = new TreeMap<>();
            try (Transport transport = ctx.openTransport(checked);
                    FetchConnection connection = transport.openFetch()) {
                for (Ref ref : connection.getRefs()) {
                    if (ref.getObjectId() != null && !ref.getName().endsWith("^{}")) {
                        var id = ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId();
                        refs.put(ref.getName(), Revisions.id(id));
                    }
                }
            }
            return refs;
        });
    }

    @Override
    public TagCommand tag(String name) {
        return new JGitTagCommand(ctx, name);
    }

    @Override
    public CreateBranchCommand createBranch(String name) {
        return new JGitCreateBranchCommand(ctx, name);
    }

    @Override
    public LazyBranchCommand lazyBranch(String name) {
        return new JGitLazyBranchCommand(ctx, name);
    }

    @Override
    public VersionCommitQuery findVersionCommit(String version) {
        return new JGitVersionCommitQuery(ctx, version);
    }

    @Override
    public CherryPickCommand cherryPick(String branch) {
        return new JGitCherryPickCommand(ctx, branch);
    }

    @Override
    public MoveBranchCommand moveBranch(String branch) {
        return new JGitMoveBranchCommand(ctx, branch);
    }

    @Override
    public SyncCommand sync(String source) {
        return new JGitSyncCommand(ctx, source);
    }

    @Override
    public CommitFileCommand commitFile(String branch, String path, String content) {
        return new JGitCommitFileCommand(ctx, branch, path, content);
    }

    @Override
    public PushCommand push(String remote) {
        return new JGitPushCommand(ctx, remote);
    }

    @Override
    public FetchCommand fetch(String remote) {
        return new JGitFetchCommand(ctx, remote);
    }

    @Override
    public void close() {
        ctx.repository().close();
    }

    @Override
    public String toString() {
        return "JGitSourceRepository[" + ctx.settings() + "]";
    }
}
