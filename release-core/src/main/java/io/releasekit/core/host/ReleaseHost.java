package io.releasekit.core.host;

import java.util.List;
import java.util.Optional;

/**
 * A repository on a release host (GitHub, GitHub Enterprise): its releases and their assets, its merged pull
 * requests, and the checks of its commits. {@code GitHubReleaseHost} (release-github) implements it on hub4j's
 * {@code github-api}.
 *
 * <p>Implementations translate the host's errors into releasekit's exceptions: a missing release or ref is a {@link
 * io.releasekit.core.NotFoundException}, a contradicting object a {@link io.releasekit.core.ConflictException}, an
 * exhausted rate limit a {@link io.releasekit.core.RateLimitedException}, and a host that fails or cannot be reached a
 * {@link io.releasekit.core.ServiceUnavailableException} naming {@link #service()}. They never retry or sleep on
 * their own: the hosts {@link ReleaseHosts} hands out wrap every call in the guard of {@link #service()}:
 *
 * <pre>{@code
 * Release r = hosts.get("packit-service").createRelease(spec).release(); // guarded as github
 * }</pre>
 */
public interface ReleaseHost {

    /** Where the repository lives, for messages: {@code github.com/owner/repo}. Never contains credentials. */
    String location();

    /** The guarded service this host calls ({@code github}). */
    String service();

    /** Every release the credentials can see, drafts included, newest first. Paginates internally. */
    List<Release> releases();

    /** The release of a tag, a draft included (GitHub's "release by tag" does not show drafts; this does). */
    Optional<Release> findRelease(String tag);

    /** The names of the repository's tags. Paginates internally. */
    List<String> tags();

    /**
     * Creates a release, or returns the one that already exists for the tag when it matches the spec: same title,
     * pre-release flag, target (when given) and notes (when given). A draft spec is satisfied by a published release.
     *
     * @throws io.releasekit.core.ConflictException naming the differing fields when the existing release differs
     */
    CreatedRelease createRelease(ReleaseSpec spec);

    /**
     * Changes a release: notes, title, draft flag (publishing a draft creates its tag at its target).
     *
     * @throws io.releasekit.core.NotFoundException when there is no release with that id
     */
    Release editRelease(long releaseId, ReleaseEdit edit);

    /**
     * Deletes a release (not its tag).
     *
     * @throws io.releasekit.core.NotFoundException when there is no release with that id
     */
    void deleteRelease(long releaseId);

    /** The assets of a release, with the SHA-256 the host computed where it has one. */
    List<Asset> assets(long releaseId);

    /**
     * Attaches a file to a release, streaming it with its length announced. An asset with the same name, size and
     * digest is returned as it is; an unfinished upload of the same name is replaced.
     *
     * @throws io.releasekit.core.ConflictException when an asset of that name with other content exists, or the host
     *     computed another digest than the upload announced
     */
    Asset uploadAsset(long releaseId, AssetUpload upload);

    /**
     * Opens an asset's content for streaming.
     *
     * @throws io.releasekit.core.NotFoundException when there is no asset with that id
     */
    Download openAsset(long assetId);

    /**
     * Opens the source archive the host generates for a ref (GitHub's zipball / tarball).
     *
     * @throws io.releasekit.core.NotFoundException when the ref does not exist
     */
    Download openSourceArchive(String ref, ArchiveFormat format);

    /**
     * The full commit id a ref (branch, tag, commit) points to.
     *
     * @throws io.releasekit.core.NotFoundException when the ref does not exist
     */
    String resolveCommit(String ref);

    /**
     * The merged pull requests whose commits are reachable from {@code to} but not from {@code from} (e.g. from the
     * previous release tag to the commit being released), oldest merge first.
     */
    List<PullRequest> mergedPullRequests(String from, String to);

    /** The pull requests merged within a date window, with the labels asked for, oldest merge first. */
    List<PullRequest> mergedPullRequests(PullRequestSearch search);

    /** The checks reported for the commit a ref points to, right now. */
    CheckSnapshot checks(String ref);

    /**
     * Opens a pull request that puts one file on a branch of its own, against the repository's default branch: creates
     * the branch from the default branch, puts the file on it and opens the pull request. Idempotent: a rerun finds
     * the pull request of the branch (open, closed or merged) and returns it with {@code created} false; a branch that
     * exists is used as it is, and a file with the same content is not committed again.
     *
     * @throws io.releasekit.core.NotFoundException when the repository or its default branch does not exist
     */
    OpenedPullRequest openPullRequest(FilePullRequest request);
}
