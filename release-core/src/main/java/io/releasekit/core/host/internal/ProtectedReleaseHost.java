package io.releasekit.core.host.internal;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.host.ArchiveFormat;
import io.releasekit.core.host.Asset;
import io.releasekit.core.host.AssetUpload;
import io.releasekit.core.host.CheckSnapshot;
import io.releasekit.core.host.CreatedRelease;
import io.releasekit.core.host.Download;
import io.releasekit.core.host.FilePullRequest;
import io.releasekit.core.host.OpenedPullRequest;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.PullRequestSearch;
import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseEdit;
import io.releasekit.core.host.ReleaseHost;
import io.releasekit.core.host.ReleaseSpec;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.protect.WriteOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A {@link ReleaseHost} whose writes pass the {@link Protection} check first, as stores, repositories and image
 * registries do: each write is a write to the target {@code release <name>@<tag>} ({@link #writes}), or for a pull
 * request opened {@code pull-request <name>@<branch>} ({@link #pullRequestWrite}); reads go straight through. Every write method goes through one wrapping point, {@link #write(List, Supplier)}: a new write method of
 * the port names its writes and calls it.
 *
 * <p>Writes that take a release id (edit, delete, upload) are named by the release's tag: the ids the host answered
 * are remembered, and an unknown id is looked up in the host's releases before the write (a read).
 */
public final class ProtectedReleaseHost implements ReleaseHost {

    private final String name;
    private final ReleaseHost delegate;
    private final Protection protection;
    private final Map<Long, String> tags = new ConcurrentHashMap<>();

    /**
     * Protects {@code delegate}, configured as {@code name}.
     *
     * @param name the repository's configured name, which targets and rules name
     */
    public ProtectedReleaseHost(String name, ReleaseHost delegate, Protection protection) {
        this.name = Objects.requireNonNull(name, "name");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.protection = Objects.requireNonNull(protection, "protection");
    }

    /** The configured name. */
    public String name() {
        return name;
    }

    /** The host without protection (guarded when it came from a registry). */
    public ReleaseHost delegate() {
        return delegate;
    }

    /** The operations creating a release by {@code spec} makes: create, and publish when it is not a draft. */
    public static List<WriteOperation> createOperations(ReleaseSpec spec) {
        return spec.draft() ? List.of(WriteOperation.CREATE) : List.of(WriteOperation.CREATE, WriteOperation.PUBLISH);
    }

    /** The operations an edit makes: write for a title or notes (or a draft again), publish for a draft published. */
    public static List<WriteOperation> editOperations(ReleaseEdit edit) {
        List<WriteOperation> ops = new ArrayList<>();
        if (edit.name().isPresent() || edit.body().isPresent() || edit.draft().equals(Optional.of(true))) {
            ops.add(WriteOperation.WRITE);
        }
        if (edit.draft().equals(Optional.of(false))) {
            ops.add(WriteOperation.PUBLISH);
        }
        return ops;
    }

    /** The writes {@code operations} on the release of {@code tag} are, with a text for people. */
    public List<PlannedWrite> writes(String tag, List<WriteOperation> operations, String text) {
        return operations.stream()
                .map(op -> PlannedWrite.release(name, tag, op, text))
                .toList();
    }

    /** Writes a dry run would make: added to the plan when a run is being planned. */
    public void planned(String tag, List<WriteOperation> operations, String text) {
        protection.planned(writes(tag, operations, text));
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public String service() {
        return delegate.service();
    }

    @Override
    public List<Release> releases() {
        List<Release> all = delegate.releases();
        all.forEach(this::remember);
        return all;
    }

    @Override
    public Optional<Release> findRelease(String tag) {
        Optional<Release> r = delegate.findRelease(tag);
        r.ifPresent(this::remember);
        return r;
    }

    @Override
    public List<String> tags() {
        return delegate.tags();
    }

    @Override
    public CreatedRelease createRelease(ReleaseSpec spec) {
        CreatedRelease c = write(
                writes(spec.tag(), createOperations(spec), "create release " + spec.tag() + " in " + name),
                () -> delegate.createRelease(spec));
        remember(c.release());
        return c;
    }

    @Override
    public Release editRelease(long releaseId, ReleaseEdit edit) {
        String tag = tagOf(releaseId);
        Release r = write(
                writes(tag, editOperations(edit), "edit release " + tag + " in " + name),
                () -> delegate.editRelease(releaseId, edit));
        remember(r);
        return r;
    }

    @Override
    public void deleteRelease(long releaseId) {
        String tag = tagOf(releaseId);
        write(writes(tag, List.of(WriteOperation.DELETE), "delete release " + tag + " in " + name), () -> {
            delegate.deleteRelease(releaseId);
            return null;
        });
        tags.remove(releaseId);
    }

    @Override
    public List<Asset> assets(long releaseId) {
        return delegate.assets(releaseId);
    }

    @Override
    public Asset uploadAsset(long releaseId, AssetUpload upload) {
        String tag = tagOf(releaseId);
        return write(
                writes(tag, List.of(WriteOperation.WRITE), "upload asset " + upload.name() + " to release " + tag),
                () -> delegate.uploadAsset(releaseId, upload));
    }

    @Override
    public Download openAsset(long assetId) {
        return delegate.openAsset(assetId);
    }

    @Override
    public Download openSourceArchive(String ref, ArchiveFormat format) {
        return delegate.openSourceArchive(ref, format);
    }

    @Override
    public String resolveCommit(String ref) {
        return delegate.resolveCommit(ref);
    }

    @Override
    public List<PullRequest> mergedPullRequests(String from, String to) {
        return delegate.mergedPullRequests(from, to);
    }

    @Override
    public List<PullRequest> mergedPullRequests(PullRequestSearch search) {
        return delegate.mergedPullRequests(search);
    }

    @Override
    public CheckSnapshot checks(String ref) {
        return delegate.checks(ref);
    }

    @Override
    public OpenedPullRequest openPullRequest(FilePullRequest request) {
        return write(List.of(pullRequestWrite(request)), () -> delegate.openPullRequest(request));
    }

    /** The write opening {@code request} is: create the pull request of its branch in this repository. */
    public PlannedWrite pullRequestWrite(FilePullRequest request) {
        return PlannedWrite.pullRequest(
                name,
                request.branch(),
                "open pull request \"" + request.title() + "\" from " + request.branch() + " in " + name + " ("
                        + request.path() + ")");
    }

    /** The one wrapping point of every write: checked before, reported to the observers after it happened. */
    private <T> T write(List<PlannedWrite> writes, Supplier<T> action) {
        return protection.write(writes, action);
    }

    private void remember(Release r) {
        tags.put(r.id(), r.tag());
    }

    private String tagOf(long releaseId) {
        String tag = tags.get(releaseId);
        if (tag != null) {
            return tag;
        }
        releases();
        tag = tags.get(releaseId);
        if (tag == null) {
            throw new NotFoundException("no release with id " + releaseId + " in " + delegate.location());
        }
        return tag;
    }

    @Override
    public String toString() {
        return "protected " + delegate;
    }
}
