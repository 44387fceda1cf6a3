package io.releasekit.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.core.host.Asset;
import io.releasekit.core.host.CheckRun;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.Release;
import java.io.IOException;
import java.net.URL;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCommitStatus;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHUser;
import org.kohsuke.github.GHWorkflowRun;

/** hub4j objects and raw JSON to releasekit's records. */
public final class Mapping {

    private static final Pattern DIGEST = Pattern.compile("sha256:([0-9a-f]{64})");

    private Mapping() {}

    /** A release. */
    public static Release release(GHRelease r) {
        return new Release(
                r.getId(),
                r.getTagName(),
                r.getName(),
                r.getBody(),
                r.getTargetCommitish(),
                r.isDraft(),
                r.isPrerelease(),
                text(r.getHtmlUrl()),
                publishedAt(r));
    }

    /** hub4j 1.330's {@code getPublished_at()} throws a NullPointerException for a draft (it copies a null date). */
    private static Optional<Instant> publishedAt(GHRelease r) {
        if (r.isDraft()) {
            return Optional.empty();
        }
        try {
            return instant(r.getPublished_at());
        } catch (NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * An asset from GitHub's JSON, with its {@code digest} ({@code sha256:<hex>}), which hub4j 1.330's {@code GHAsset}
     * does not map.
     */
    public static Asset asset(JsonNode a) {
        Optional<String> sha = Optional.empty();
        String digest = a.path("digest").asText("");
        var m = DIGEST.matcher(digest.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            sha = Optional.of(m.group(1));
        }
        return new Asset(
                a.path("id").asLong(),
                a.path("name").asText(),
                a.path("content_type").asText(null),
                a.path("size").asLong(),
                sha,
                a.path("state").asText("uploaded"),
                a.path("browser_download_url").asText(""));
    }

    /**
     * A pull request. Search results carry no top-level {@code merged_at}; for them the closing time stands in (GitHub
     * closes a pull request at the moment it merges it).
     */
    public static PullRequest pullRequest(GHPullRequest pr) throws IOException {
        Date merged = pr.getMergedAt() != null ? pr.getMergedAt() : pr.getClosedAt();
        GHUser user = pr.getUser();
        return new PullRequest(
                pr.getNumber(),
                pr.getTitle(),
                pr.getBody(),
                pr.getLabels().stream().map(GHLabel::getName).toList(),
                user == null ? "" : user.getLogin(),
                instant(merged),
                text(pr.getHtmlUrl()));
    }

    /** A check run (an Actions job or an app's check). */
    public static CheckRun checkRun(GHCheckRun c) {
        return new CheckRun(
                CheckRun.Kind.CHECK,
                c.getName(),
                c.getId(),
                c.getStatus() == null ? "" : c.getStatus().toString(),
                c.getConclusion() == null ? "" : c.getConclusion().toString(),
                text(c.getHtmlUrl()));
    }

    /** A workflow run. */
    public static CheckRun workflowRun(GHWorkflowRun w) throws IOException {
        return new CheckRun(
                CheckRun.Kind.WORKFLOW,
                w.getName(),
                w.getId(),
                w.getStatus() == null ? "" : w.getStatus().toString(),
                w.getConclusion() == null ? "" : w.getConclusion().toString(),
                text(w.getHtmlUrl()));
    }

    /** A legacy commit status. */
    public static CheckRun status(GHCommitStatus s) {
        return new CheckRun(
                CheckRun.Kind.STATUS,
                s.getContext(),
                s.getId(),
                s.getState() == null ? "" : s.getState().name(),
                "",
                s.getTargetUrl());
    }

    private static Optional<Instant> instant(Date d) {
        return d == null ? Optional.empty() : Optional.of(d.toInstant());
    }

    private static String text(URL u) {
        return u == null ? "" : u.toString();
    }
}
