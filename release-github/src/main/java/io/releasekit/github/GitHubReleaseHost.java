package io.releasekit.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
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
import io.releasekit.github.internal.Mapping;
import io.releasekit.github.internal.RawClient;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHCompare;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestSearchBuilder;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHReleaseBuilder;
import org.kohsuke.github.GHReleaseUpdater;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTag;
import org.kohsuke.github.GHWorkflowRun;
import org.kohsuke.github.PagedSearchIterable;

/**
 * A {@link ReleaseHost} for one GitHub repository, on hub4j's {@code github-api}. Calls never retry or sleep; every
 * failure is translated in one place ({@code GitHubErrors}). Callers wrap each call in the guard named {@link
 * #service()} ({@code github}).
 *
 * <p>What hub4j 1.330 cannot do is done through the same connection (same connector, base URL and token): asset
 * digests (hub4j does not map {@code digest}), streaming uploads (hub4j reads an upload body fully into memory),
 * streaming downloads of assets and source archives, and resolving a ref to a commit id without fetching the commit.
 */
public final class GitHubReleaseHost implements ReleaseHost {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})");
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern MERGE_COMMIT = Pattern.compile("^Merge pull request #(\\d+) from ");
    private static final Pattern SQUASH_COMMIT = Pattern.compile("\\(#(\\d+)\\)\\s*$");
    private static final int MAX_COMMIT_LOOKUPS = 300;

    private final GitHubConnection connection;
    private final String owner;
    private final String repo;
    private final RawClient raw;
    private volatile GHRepository repository;

    GitHubReleaseHost(GitHubConnection connection, String owner, String repo) {
        if (owner == null || !OWNER.matcher(owner).matches()) {
            throw new InvalidInputException("'" + owner + "' is not a GitHub owner name");
        }
        if (repo == null || !REPO.matcher(repo).matches() || repo.equals(".") || repo.equals("..")) {
            throw new InvalidInputException("'" + repo + "' is not a GitHub repository name");
        }
        this.connection = connection;
        this.owner = owner;
        this.repo = repo;
        this.raw = connection.raw();
    }

    /** The repository's owner. */
    public String owner() {
        return owner;
    }

    /** The repository's name. */
    public String repo() {
        return repo;
    }

    @Override
    public String location() {
        return connection.webHost() + "/" + owner + "/" + repo;
    }

    @Override
    public String service() {
        return connection.service();
    }

    @Override
    public List<Release> releases() {
        return io("list the releases", () -> gh().listReleases().withPageSize(100).toList().stream()
                .map(Mapping::release)
                .toList());
    }

    @Override
    public Optional<Release> findRelease(String tag) {
        String t = requireRef("tag", tag);
        GHRelease published = io("read the release of tag " + t, () -> gh().getReleaseByTagName(segments(t)));
        if (published != null) {
            return Optional.of(Mapping.release(published));
        }
        // GitHub's release-by-tag does not show drafts.
        return releases().stream().filter(r -> r.tag().equals(t)).findFirst();
    }

    @Override
    public List<String> tags() {
        return io("list the tags", () -> gh().listTags().withPageSize(100).toList().stream()
                .map(GHTag::getName)
                .toList());
    }

    @Override
    public CreatedRelease createRelease(ReleaseSpec spec) {
        Optional<Release> existing = findRelease(spec.tag());
        if (existing.isPresent()) {
            return same(spec, existing.get());
        }
        try {
            GHRelease created = io("create release " + spec.tag(), () -> {
                GHReleaseBuilder b = gh().createRelease(spec.tag())
                        .name(spec.title())
                        .draft(spec.draft())
                        .prerelease(spec.prerelease());
                spec.body().ifPresent(b::body);
                spec.target().ifPresent(b::commitish);
                return b.create();
            });
            return new CreatedRelease(Mapping.release(created), true);
        } catch (ConflictException race) {
            // Created meanwhile by someone else (422 already_exists): the same release is fine, another is not.
            return same(spec, findRelease(spec.tag()).orElseThrow(() -> race));
        }
    }

    @Override
    public Release editRelease(long releaseId, ReleaseEdit edit) {
        GHRelease updated = io("edit release " + releaseId, () -> {
            GHReleaseUpdater u = release(releaseId).update();
            edit.name().ifPresent(u::name);
            edit.body().ifPresent(u::body);
            edit.draft().ifPresent(u::draft);
            return u.update();
        });
        return Mapping.release(updated);
    }

    @Override
    public void deleteRelease(long releaseId) {
        io("delete release " + releaseId, () -> {
            release(releaseId).delete();
            return null;
        });
    }

    @Override
    public List<Asset> assets(long releaseId) {
        return raw
                .getPaged(
                        "list the assets of release " + releaseId + " in " + location(),
                        base() + "/releases/" + releaseId + "/assets?per_page=100")
                .stream()
                .map(Mapping::asset)
                .toList();
    }

    @Override
    public Asset uploadAsset(long releaseId, AssetUpload upload) {
        String what = "upload asset " + upload.name() + " to release " + releaseId + " in " + location();
        for (Asset a : assets(releaseId)) {
            if (!a.name().equals(upload.name())) {
                continue;
            }
            if (!a.complete()) {
                raw.delete(what, base() + "/releases/assets/" + a.id());
            } else if (sameContent(a, upload)) {
                return a;
            } else {
                throw new ConflictException(what + ": an asset of that name exists with other content ("
                        + describe(a.size(), a.sha256()) + " there, " + describe(upload.size(), upload.sha256())
                        + " to upload)");
            }
        }
        URI url = uploadUrl(
                what, io("read release " + releaseId, () -> release(releaseId).getUploadUrl()), upload);
        Asset uploaded;
        try (InputStream in = upload.content().open()) {
            uploaded = Mapping.asset(raw.upload(what, url, upload.contentType(), in, upload.size()));
        } catch (java.io.IOException e) {
            throw new InvalidInputException(what + ": cannot read the file to upload: " + e.getMessage(), e);
        }
        if (uploaded.size() != upload.size() || !sameContent(uploaded, upload)) {
            raw.delete(what, base() + "/releases/assets/" + uploaded.id());
            throw new ConflictException(what + ": GitHub stored " + describe(uploaded.size(), uploaded.sha256())
                    + ", but " + describe(upload.size(), upload.sha256()) + " was sent; the asset was deleted again");
        }
        return uploaded;
    }

    @Override
    public Download openAsset(long assetId) {
        return raw.open(
                "download asset " + assetId + " of " + location(),
                base() + "/releases/assets/" + assetId,
                "application/octet-stream");
    }

    @Override
    public Download openSourceArchive(String ref, ArchiveFormat format) {
        String r = requireRef("ref", ref);
        return raw.open(
                "download the " + format.endpoint() + " of " + r + " in " + location(),
                base() + "/" + format.endpoint() + "/" + segments(r),
                "application/vnd.github+json");
    }

    @Override
    public String resolveCommit(String ref) {
        String r = requireRef("ref", ref);
        String sha = raw.getText(
                        "resolve " + r + " in " + location(),
                        base() + "/commits/" + segments(r),
                        "application/vnd.github.sha")
                .strip();
        if (!SHA.matcher(sha).matches()) {
            throw new ServiceUnavailableException(
                    service(), "resolve " + r + " in " + location() + ": GitHub answered no commit id");
        }
        return sha;
    }

    @Override
    public List<PullRequest> mergedPullRequests(String from, String to) {
        String f = requireRef("from", from);
        String t = requireRef("to", to);
        String what = "list pull requests merged between " + f + " and " + t + " in " + location();
        Set<Integer> numbers = io(what, () -> pullRequestNumbers(what, gh().getCompare(segments(f), segments(t))));
        List<PullRequest> out = new ArrayList<>();
        for (int n : numbers) {
            GHPullRequest pr = io("read pull request #" + n, () -> gh().getPullRequest(n));
            if (pr.getMergedAt() != null) {
                out.add(io("read pull request #" + n, () -> Mapping.pullRequest(pr)));
            }
        }
        out.sort(BY_MERGE);
        return out;
    }

    @Override
    public List<PullRequest> mergedPullRequests(PullRequestSearch search) {
        String what = "search pull requests merged " + search.since() + ".." + search.until() + " in " + location();
        return io(what, () -> {
            GHPullRequestSearchBuilder q = connection
                    .github()
                    .searchPullRequests()
                    .repo(gh())
                    .q("is:pr")
                    .isMerged()
                    .merged(search.since(), search.until());
            search.labels().forEach(l -> q.q("label:\"" + l + "\""));
            search.base().ifPresent(b -> q.q("base:" + b));
            PagedSearchIterable<GHPullRequest> results = q.list().withPageSize(100);
            List<PullRequest> out = new ArrayList<>();
            for (GHPullRequest pr : results) {
                out.add(Mapping.pullRequest(pr));
            }
            if (results.isIncomplete()) {
                throw new ServiceUnavailableException(
                        service(), what + ": GitHub's search timed out (incomplete results)");
            }
            out.sort(BY_MERGE);
            return out;
        });
    }

    @Override
    public CheckSnapshot checks(String ref) {
        String sha = resolveCommit(ref);
        String what = "read the checks of " + ref + " (" + sha.substring(0, 12) + ") in " + location();
        List<CheckRun> runs = io(what, () -> {
            List<CheckRun> out = new ArrayList<>();
            for (GHWorkflowRun w : gh().queryWorkflowRuns().headSha(sha).list().withPageSize(100)) {
                out.add(Mapping.workflowRun(w));
            }
            for (GHCheckRun c : gh().getCheckRuns(sha).withPageSize(100)) {
                out.add(Mapping.checkRun(c));
            }
            Map<String, CheckRun> latestStatus = new LinkedHashMap<>();
            for (GHCommitStatus s : gh().listCommitStatuses(sha).withPageSize(100)) {
                latestStatus.putIfAbsent(s.getContext(), Mapping.status(s)); // newest first
            }
            out.addAll(latestStatus.values());
            return out;
        });
        return new CheckSnapshot(ref, sha, runs);
    }

    @Override
    public OpenedPullRequest openPullRequest(FilePullRequest request) {
        String branch = request.branch();
        String what = "open the pull request of " + branch + " in " + location();
        Optional<OpenedPullRequest> existing = pullRequestOf(branch);
        if (existing.isPresent()) {
            return existing.get();
        }
        String base = io(what, () -> gh().getDefaultBranch());
        String baseSha = io(what, () -> gh().getRef("heads/" + base).getObject().getSha());
        try {
            io("create branch " + branch, () -> gh().createRef("refs/heads/" + branch, baseSha));
        } catch (ConflictException exists) {
            // 422 "Reference already exists": a rerun after the branch was made; the file and PR are checked below
        }
        putFile(request);
        try {
            GHPullRequest pr = io(what, () -> gh().createPullRequest(request.title(), branch, base, request.body()));
            return new OpenedPullRequest(pr.getNumber(), pr.getHtmlUrl().toString(), true);
        } catch (ConflictException race) {
            // opened meanwhile (422 "A pull request already exists")
            return pullRequestOf(branch).orElseThrow(() -> race);
        }
    }

    /** Commits the file on the request's branch unless it holds the same content already. */
    private void putFile(FilePullRequest request) {
        String where = request.path() + " on " + request.branch();
        Optional<String> sha;
        try {
            sha = Optional.of(io("read " + where, () -> gh().getFileContent(request.path(), request.branch())
                    .getSha()));
        } catch (NotFoundException absent) {
            sha = Optional.empty();
        }
        if (sha.isPresent() && sha.get().equals(request.blobSha())) {
            return;
        }
        Optional<String> previous = sha;
        io("write " + where, () -> {
            var b = gh().createContent()
                    .path(request.path())
                    .branch(request.branch())
                    .message(request.title())
                    .content(request.bytes());
            previous.ifPresent(b::sha);
            return b.commit();
        });
    }

    /** The pull request whose head is {@code branch} of this repository, in any state. */
    private Optional<OpenedPullRequest> pullRequestOf(String branch) {
        return io("find the pull request of " + branch, () -> gh()
                .queryPullRequests()
                .head(owner + ":" + branch)
                .state(GHIssueState.ALL)
                .list()
                .withPageSize(10)
                .toList()
                .stream()
                .findFirst()
                .map(pr -> new OpenedPullRequest(pr.getNumber(), pr.getHtmlUrl().toString(), false)));
    }

    @Override
    public String toString() {
        return "GitHubReleaseHost[" + location() + "]";
    }

    private Set<Integer> pullRequestNumbers(String what, GHCompare compare) {
        Set<Integer> numbers = new LinkedHashSet<>();
        int lookups = 0;
        for (GHCompare.Commit c : compare.listCommits().withPageSize(100)) {
            String subject = c.getCommit().getMessage().lines().findFirst().orElse("");
            Matcher merge = MERGE_COMMIT.matcher(subject);
            Matcher squash = SQUASH_COMMIT.matcher(subject);
            if (merge.find()) {
                numbers.add(Integer.parseInt(merge.group(1)));
            } else if (squash.find()) {
                numbers.add(Integer.parseInt(squash.group(1)));
            } else {
                if (++lookups > MAX_COMMIT_LOOKUPS) {
                    throw new InvalidInputException(what + ": more than " + MAX_COMMIT_LOOKUPS
                            + " commits name no pull request; use a date window instead");
                }
                for (JsonNode pr : raw.getPaged(what, base() + "/commits/" + c.getSHA1() + "/pulls?per_page=100")) {
                    if (pr.hasNonNull("merged_at")) {
                        numbers.add(pr.path("number").asInt());
                    }
                }
            }
        }
        return numbers;
    }

    private CreatedRelease same(ReleaseSpec spec, Release existing) {
        List<String> diff = spec.differencesFrom(existing, this::resolveCommit);
        if (!diff.isEmpty()) {
            throw new ConflictException("a different release already exists for tag '" + spec.tag() + "' in "
                    + location() + ": " + String.join("; ", diff));
        }
        return new CreatedRelease(existing, false);
    }

    private GHRelease release(long id) throws java.io.IOException {
        GHRelease r = gh().getRelease(id);
        if (r == null) {
            throw new NotFoundException("no release with id " + id + " in " + location());
        }
        return r;
    }

    private URI uploadUrl(String what, String template, AssetUpload upload) {
        if (template == null || template.isBlank()) {
            throw new ServiceUnavailableException(service(), what + ": GitHub gave the release no upload_url");
        }
        int brace = template.indexOf('{');
        URI url = URI.create((brace < 0 ? template : template.substring(0, brace)) + "?name="
                + URLEncoder.encode(upload.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        String apiHost = connection.endpoint().getHost();
        String uploadHost = url.getHost();
        boolean trusted = uploadHost != null
                && (uploadHost.equalsIgnoreCase(apiHost)
                        || uploadHost.equalsIgnoreCase("uploads." + apiHost.replaceFirst("^api\\.", "")));
        if (!trusted || !connection.endpoint().getScheme().equalsIgnoreCase(url.getScheme())) {
            throw new ServiceUnavailableException(
                    service(),
                    what + ": GitHub named an upload host (" + uploadHost + ") that does not belong to " + apiHost
                            + "; not sending the token there");
        }
        return url;
    }

    private static boolean sameContent(Asset a, AssetUpload u) {
        return a.size() == u.size()
                && (a.sha256().isEmpty() || u.sha256().isEmpty() || a.sha256().equals(u.sha256()));
    }

    private static String describe(long size, Optional<String> sha) {
        return size + " bytes" + sha.map(s -> " with SHA-256 " + s).orElse("");
    }

    private GHRepository gh() throws java.io.IOException {
        GHRepository r = repository;
        if (r == null) {
            r = connection.github().getRepository(owner + "/" + repo);
            r.setCompareUsePaginatedCommits(true);
            repository = r;
        }
        return r;
    }

    private String base() {
        return "/repos/" + owner + "/" + repo;
    }

    private <T> T io(String what, IoCall<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw connection.errors().translate(what.contains(location()) ? what : what + " in " + location(), e);
        }
    }

    private static String requireRef(String what, String ref) {
        if (ref == null || ref.isBlank() || ref.length() > 255 || ref.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidInputException(what + " '" + ref + "' is not a git ref");
        }
        return ref;
    }

    /** URL-encodes each segment of a ref, keeping its slashes ({@code feature/x#1} → {@code feature/x%231}). */
    static String segments(String ref) {
        return java.util.Arrays.stream(ref.split("/", -1))
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(java.util.stream.Collectors.joining("/"));
    }

    private static final Comparator<PullRequest> BY_MERGE = Comparator.comparing(
                    (PullRequest p) -> p.mergedAt().orElse(java.time.Instant.MAX))
            .thenComparingInt(PullRequest::number);

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws Exception;
    }
}
