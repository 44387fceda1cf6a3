package io.releasekit.core.scm;

import io.releasekit.core.version.SemVer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A git repository releasekit works on: resolve refs, tag, branch (directly or lazily at a VERSION), cherry-pick,
 * move and sync branches, commit files, fetch and push with a lease. The port of the {@code release-git} adapter.
 *
 * <p>Writes are single-use commands with the required arguments in the factory method and the optional ones chained;
 * every write has a dry run. Ref names are checked by git's rules when they are set, before anything runs. Expected
 * outcomes (already exists, conflict of a cherry-pick or merge, rejected move or push) are results; errors are {@link
 * io.releasekit.core.ReleaseException}s: {@link io.releasekit.core.InvalidInputException} for bad input, {@link
 * io.releasekit.core.NotFoundException} for a missing ref, file or commit, {@link io.releasekit.core.ConflictException}
 * when the request contradicts the repository (a tag at another commit, a ref moved concurrently), {@link
 * io.releasekit.core.ServiceUnavailableException} when a remote cannot be reached.
 *
 * <p>Calls that reach a remote ({@link #fetch}, {@link #push}, {@link #remoteRefs}) go through the guard {@code
 * git:<remote>} in the repositories {@link SourceRepositories} hands out; an adapter never guards itself.
 *
 * <pre>{@code
 * repo.tag("v1.2.0").annotated("Release 1.2.0").at("main").dryRun(true).call();
 * repo.lazyBranch("aether-2.1").forVersion("2.1.0").from("main").call();
 * repo.cherryPick("aether-2.1").commits(ids).bumpPatch(true).call();
 * repo.moveBranch("stable").to("main").force(false).call();
 * repo.sync("main").into("development", "hotfix").call();
 * }</pre>
 */
public interface SourceRepository extends AutoCloseable {

    /** The name the repository is configured under. */
    String name();

    /** The path of the VERSION file the version operations use by default, e.g. {@code VERSION}. */
    String versionFile();

    /** The remote fetches and pushes go to by default, if the repository has one. */
    Optional<String> defaultRemote();

    /**
     * The commit a revision names: a branch, a tag (peeled), a full or abbreviated commit id, {@code HEAD}.
     *
     * @throws io.releasekit.core.InvalidInputException when the revision is not a valid name
     * @throws io.releasekit.core.NotFoundException when nothing has that name, or it is not a commit
     */
    CommitId resolve(String revision);

    /**
     * Whether {@code ancestor} is reachable from {@code descendant} (a commit counts as its own ancestor).
     *
     * @throws io.releasekit.core.NotFoundException when either revision does not exist
     */
    boolean isAncestor(String ancestor, String descendant);

    /**
     * A file's content (UTF-8) at a revision, or empty when the file does not exist there.
     *
     * @throws io.releasekit.core.NotFoundException when the revision does not exist
     */
    Optional<String> readFile(String revision, String path);

    /**
     * The VERSION file's value at a revision.
     *
     * @throws io.releasekit.core.NotFoundException when the revision or the file does not exist
     * @throws io.releasekit.core.InvalidInputException when the file is not a SemVer version
     */
    default SemVer readVersion(String revision) {
        String content = readFile(revision, versionFile())
                .orElseThrow(() -> new io.releasekit.core.NotFoundException("version file '" + versionFile()
                        + "' does not exist at '" + revision + "' in repository '" + name() + "'"));
        return SemVer.parse(content.strip());
    }

    /**
     * The repository's own tags whose name starts with {@code prefix} ({@code ""}: every tag), each with the commit it
     * names (peeled) and whether it is annotated, sorted by {@link RepositoryTag#sorted}: SemVer precedence where the
     * name after the prefix parses, then the others by name. A local read: fetch first to see the remote's tags.
     *
     * @throws NullPointerException when the prefix is null
     */
    List<RepositoryTag> tags(String prefix);

    /**
     * The refs a remote advertises, each with the commit it names (tags peeled). Reaches the remote: guard it.
     *
     * @throws io.releasekit.core.NotFoundException when the remote is not configured
     * @throws io.releasekit.core.ServiceUnavailableException when the remote cannot be reached
     */
    Map<String, CommitId> remoteRefs(String remote);

    /** A command creating a tag; see {@link TagCommand}. */
    TagCommand tag(String name);

    /** A command creating a branch; see {@link CreateBranchCommand}. */
    CreateBranchCommand createBranch(String name);

    /** A command creating a branch at the commit that set the VERSION file to a value; see {@link LazyBranchCommand}. */
    LazyBranchCommand lazyBranch(String name);

    /** A query for the commit that set the VERSION file to a value; see {@link VersionCommitQuery}. */
    VersionCommitQuery findVersionCommit(String version);

    /** A command cherry-picking commits onto a branch; see {@link CherryPickCommand}. */
    CherryPickCommand cherryPick(String branch);

    /** A command moving a branch, fast-forward only unless forced; see {@link MoveBranchCommand}. */
    MoveBranchCommand moveBranch(String branch);

    /** A command bringing branches up to {@code source}; see {@link SyncCommand}. */
    SyncCommand sync(String source);

    /** A command committing new content of one file on a branch; see {@link CommitFileCommand}. */
    CommitFileCommand commitFile(String branch, String path, String content);

    /**
     * A command setting the VERSION file on a branch to a version, with the message {@code Set VERSION to <version>}.
     *
     * @throws io.releasekit.core.InvalidInputException when the version is not SemVer
     */
    default CommitFileCommand setVersion(String branch, String version) {
        SemVer v = SemVer.parse(version);
        return commitFile(branch, versionFile(), v + "\n").message("Set " + versionFile() + " to " + v);
    }

    /** A command pushing refs with a lease; see {@link PushCommand}. Reaches the remote: guard it. */
    PushCommand push(String remote);

    /** A command fetching a remote; see {@link FetchCommand}. Reaches the remote: guard it. */
    FetchCommand fetch(String remote);

    /** Releases the repository's resources. */
    @Override
    void close();
}
