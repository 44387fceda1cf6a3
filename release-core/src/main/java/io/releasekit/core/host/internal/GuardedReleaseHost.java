package io.releasekit.core.host.internal;

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
import io.releasekit.core.service.ServiceGuards;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ReleaseHost} whose every call goes through the guard of {@link ReleaseHost#service()}. An upload reopens
 * its {@link AssetUpload#content()} per attempt; a download's guard covers the opening, not the reading.
 */
public final class GuardedReleaseHost implements ReleaseHost {

    private final ReleaseHost delegate;
    private final ServiceGuards guards;

    /** Guards {@code delegate}'s calls with {@code guards}. */
    public GuardedReleaseHost(ReleaseHost delegate, ServiceGuards guards) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.guards = Objects.requireNonNull(guards, "guards");
        guards.register(delegate.service()); // known (listed, metered) from the wiring on, before its first call
    }

    /** The unguarded host. */
    public ReleaseHost delegate() {
        return delegate;
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
        return guards.call(service(), delegate::releases);
    }

    @Override
    public Optional<Release> findRelease(String tag) {
        return guards.call(service(), () -> delegate.findRelease(tag));
    }

    @Override
    public List<String> tags() {
        return guards.call(service(), delegate::tags);
    }

    @Override
    public CreatedRelease createRelease(ReleaseSpec spec) {
        return guards.call(service(), () -> delegate.createRelease(spec));
    }

    @Override
    public Release editRelease(long releaseId, ReleaseEdit edit) {
        return guards.call(service(), () -> delegate.editRelease(releaseId, edit));
    }

    @Override
    public void deleteRelease(long releaseId) {
        guards.run(service(), () -> delegate.deleteRelease(releaseId));
    }

    @Override
    public List<Asset> assets(long releaseId) {
        return guards.call(service(), () -> delegate.assets(releaseId));
    }

    @Override
    public Asset uploadAsset(long releaseId, AssetUpload upload) {
        return guards.call(service(), () -> delegate.uploadAsset(releaseId, upload));
    }

    @Override
    public Download openAsset(long assetId) {
        return guards.call(service(), () -> delegate.openAsset(assetId));
    }

    @Override
    public Download openSourceArchive(String ref, ArchiveFormat format) {
        return guards.call(service(), () -> delegate.openSourceArchive(ref, format));
    }

    @Override
    public String resolveCommit(String ref) {
        return guards.call(service(), () -> delegate.resolveCommit(ref));
    }

    @Override
    public List<PullRequest> mergedPullRequests(String from, String to) {
        return guards.call(service(), () -> delegate.mergedPullRequests(from, to));
    }

    @Override
    public List<PullRequest> mergedPullRequests(PullRequestSearch search) {
        return guards.call(service(), () -> delegate.mergedPullRequests(search));
    }

    @Override
    public CheckSnapshot checks(String ref) {
        return guards.call(service(), () -> delegate.checks(ref));
    }

    @Override
    public OpenedPullRequest openPullRequest(FilePullRequest request) {
        return guards.call(service(), () -> delegate.openPullRequest(request));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
