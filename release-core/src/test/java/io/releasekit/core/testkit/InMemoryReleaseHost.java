package io.releasekit.core.testkit;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.host.ArchiveFormat;
import io.releasekit.core.host.Asset;
import io.releasekit.core.host.AssetUpload;
import io.releasekit.core.host.CheckRun;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link ReleaseHost} in memory, for testing steps and facades without GitHub: releases, assets (bytes kept in
 * memory — test sizes only), refs, pull requests and checks set up by the test, and a failure to inject into the next
 * calls. Counts writes so tests can prove idempotency.
 */
public final class InMemoryReleaseHost implements ReleaseHost {

    private final Map<Long, Release> releases = new LinkedHashMap<>();
    private final Map<Long, List<Asset>> assets = new LinkedHashMap<>();
    private final Map<Long, byte[]> assetBytes = new LinkedHashMap<>();
    private final Map<String, String> refs = new LinkedHashMap<>();
    private final Map<String, byte[]> archives = new LinkedHashMap<>();
    private final List<String> tags = new ArrayList<>();
    private final List<PullRequest> pullRequests = new ArrayList<>();
    private final List<CheckRun> checks = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final Map<String, OpenedPullRequest> openedPullRequests = new LinkedHashMap<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private Supplier<? extends ReleaseException> failure;
    private int failuresLeft;
    private int writes;

    /** Makes {@code ref} resolve to {@code sha}. */
    public InMemoryReleaseHost ref(String ref, String sha) {
        refs.put(ref, sha);
        return this;
    }

    /** Adds a git tag (also resolvable as a ref). */
    public InMemoryReleaseHost tag(String tag, String sha) {
        tags.add(tag);
        return ref(tag, sha);
    }

    /** Adds an existing release. */
    public Release release(String tag, String body, boolean draft) {
        long id = ids.incrementAndGet();
        Release r = new Release(
                id,
                tag,
                tag,
                body,
                "main",
                draft,
                false,
                "https://example.test/releases/" + id,
                draft ? Optional.empty() : Optional.of(Instant.EPOCH));
        releases.put(id, r);
        assets.put(id, new ArrayList<>());
        return r;
    }

    /** Adds a merged pull request returned for every range and search. */
    public InMemoryReleaseHost pullRequest(PullRequest pr) {
        pullRequests.add(pr);
        return this;
    }

    /** Sets the checks every ref reports. */
    public InMemoryReleaseHost checks(List<CheckRun> runs) {
        checks.clear();
        checks.addAll(runs);
        return this;
    }

    /** Sets the source archive of a ref. */
    public InMemoryReleaseHost archive(String ref, byte[] content) {
        archives.put(ref, content);
        return this;
    }

    /** Makes the next {@code times} calls throw the supplied exception. */
    public InMemoryReleaseHost failNext(int times, Supplier<? extends ReleaseException> exception) {
        this.failure = exception;
        this.failuresLeft = times;
        return this;
    }

    /** The number of writes made so far. */
    public int writes() {
        return writes;
    }

    /** The pull requests opened through {@link #openPullRequest}, by branch. */
    public synchronized Map<String, OpenedPullRequest> openedPullRequests() {
        return Map.copyOf(openedPullRequests);
    }

    /** The content of a file put on a branch through {@link #openPullRequest}, by {@code branch:path}. */
    public synchronized Optional<String> file(String branch, String path) {
        return Optional.ofNullable(files.get(branch + ":" + path));
    }

    /** The bytes of an uploaded asset. */
    public byte[] assetContent(long assetId) {
        return assetBytes.get(assetId);
    }

    @Override
    public String location() {
        return "memory/test";
    }

    @Override
    public String service() {
        return "github";
    }

    @Override
    public synchronized List<Release> releases() {
        maybeFail();
        List<Release> out = new ArrayList<>(releases.values());
        java.util.Collections.reverse(out);
        return out;
    }

    @Override
    public synchronized Optional<Release> findRelease(String tag) {
        maybeFail();
        return releases.values().stream().filter(r -> r.tag().equals(tag)).findFirst();
    }

    @Override
    public synchronized List<String> tags() {
        maybeFail();
        return List.copyOf(tags);
    }

    @Override
    public synchronized CreatedRelease createRelease(ReleaseSpec spec) {
        Optional<Release> existing = findRelease(spec.tag());
        if (existing.isPresent()) {
            List<String> diff = spec.differencesFrom(existing.get(), this::resolveCommit);
            if (!diff.isEmpty()) {
                throw new ConflictException("release " + spec.tag() + " differs: " + diff);
            }
            return new CreatedRelease(existing.get(), false);
        }
        writes++;
        long id = ids.incrementAndGet();
        Release r = new Release(
                id,
                spec.tag(),
                spec.name(),
                spec.body().orElse(""),
                spec.target().orElse("main"),
                spec.draft(),
                spec.prerelease(),
                "https://example.test/releases/" + id,
                spec.draft() ? Optional.empty() : Optional.of(Instant.EPOCH));
        releases.put(id, r);
        assets.put(id, new ArrayList<>());
        return new CreatedRelease(r, true);
    }

    @Override
    public synchronized Release editRelease(long releaseId, ReleaseEdit edit) {
        maybeFail();
        Release r = get(releaseId);
        writes++;
        boolean draft = edit.draft().orElse(r.draft());
        if (r.draft() && !draft && !tags.contains(r.tag())) {
            tags.add(r.tag());
            refs.put(r.tag(), refs.getOrDefault(r.target(), "0".repeat(40)));
        }
        Release updated = new Release(
                r.id(),
                r.tag(),
                edit.name().orElse(r.name()),
                edit.body().orElse(r.body()),
                r.target(),
                draft,
                r.prerelease(),
                r.url(),
                draft ? Optional.empty() : Optional.of(r.publishedAt().orElse(Instant.EPOCH)));
        releases.put(r.id(), updated);
        return updated;
    }

    @Override
    public synchronized void deleteRelease(long releaseId) {
        maybeFail();
        get(releaseId);
        writes++;
        releases.remove(releaseId);
    }

    @Override
    public synchronized List<Asset> assets(long releaseId) {
        maybeFail();
        get(releaseId);
        return List.copyOf(assets.get(releaseId));
    }

    @Override
    public synchronized Asset uploadAsset(long releaseId, AssetUpload upload) {
        maybeFail();
        get(releaseId);
        byte[] bytes;
        try (InputStream in = upload.content().open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sha = sha256(bytes);
        for (Asset a : assets.get(releaseId)) {
            if (a.name().equals(upload.name())) {
                if (a.sha256().orElseThrow().equals(sha)) {
                    return a;
                }
                throw new ConflictException("asset " + a.name() + " exists with other content");
            }
        }
        writes++;
        Asset a = new Asset(
                ids.incrementAndGet(),
                upload.name(),
                upload.contentType(),
                bytes.length,
                Optional.of(sha),
                "uploaded",
                "https://example.test/download/" + upload.name());
        assets.get(releaseId).add(a);
        assetBytes.put(a.id(), bytes);
        return a;
    }

    /** Adds an asset with the given bytes and the digest the host reports (may differ from the bytes'). */
    public synchronized Asset asset(long releaseId, String name, byte[] bytes, Optional<String> reportedSha256) {
        Asset a = new Asset(
                ids.incrementAndGet(),
                name,
                "application/zip",
                bytes.length,
                reportedSha256,
                "uploaded",
                "https://example.test/download/" + name);
        assets.get(releaseId).add(a);
        assetBytes.put(a.id(), bytes);
        return a;
    }

    @Override
    public synchronized Download openAsset(long assetId) {
        maybeFail();
        byte[] b = assetBytes.get(assetId);
        if (b == null) {
            throw new NotFoundException("no asset " + assetId);
        }
        return new Download(new ByteArrayInputStream(b), b.length, "application/octet-stream");
    }

    @Override
    public synchronized Download openSourceArchive(String ref, ArchiveFormat format) {
        maybeFail();
        byte[] b = archives.get(ref);
        if (b == null) {
            throw new NotFoundException("no ref " + ref);
        }
        return new Download(new ByteArrayInputStream(b), -1, "application/zip");
    }

    @Override
    public synchronized String resolveCommit(String ref) {
        maybeFail();
        if (ref.matches("[0-9a-f]{40}")) {
            return ref;
        }
        String sha = refs.get(ref);
        if (sha == null) {
            throw new NotFoundException("no ref '" + ref + "'");
        }
        return sha;
    }

    @Override
    public synchronized List<PullRequest> mergedPullRequests(String from, String to) {
        maybeFail();
        resolveCommit(from);
        resolveCommit(to);
        return List.copyOf(pullRequests);
    }

    @Override
    public synchronized List<PullRequest> mergedPullRequests(PullRequestSearch search) {
        maybeFail();
        return pullRequests.stream()
                .filter(pr -> search.labels().stream().allMatch(pr::hasLabel))
                .toList();
    }

    @Override
    public synchronized CheckSnapshot checks(String ref) {
        maybeFail();
        return new CheckSnapshot(ref, resolveCommit(ref), checks);
    }

    private Release get(long id) {
        Release r = releases.get(id);
        if (r == null) {
            throw new NotFoundException("no release " + id);
        }
        return r;
    }

    private void maybeFail() {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw failure.get();
        }
    }

    @Override
    public synchronized OpenedPullRequest openPullRequest(FilePullRequest request) {
        maybeFail();
        OpenedPullRequest existing = openedPullRequests.get(request.branch());
        if (existing != null) {
            return new OpenedPullRequest(existing.number(), existing.url(), false);
        }
        writes++;
        files.put(request.branch() + ":" + request.path(), request.content());
        int number = (int) ids.incrementAndGet();
        OpenedPullRequest opened = new OpenedPullRequest(number, "https://example.test/pull/" + number, true);
        openedPullRequests.put(request.branch(), opened);
        return opened;
    }

    /** The SHA-256 of bytes as lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
