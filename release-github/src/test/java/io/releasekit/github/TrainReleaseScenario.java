package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static io.releasekit.github.FakeGitHub.quote;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;

/**
 * Seed 002's GitHub, played by {@link FakeGitHub}: the repository before the weekly release v1.4.1 (v1.4.0 at
 * {@code base}, the merge commit, pull request #12 with its notes), as the run creates and publishes the draft, and
 * after. Shared by release-api's REST test of the seed and release-processes' plain-Java one.
 */
public final class TrainReleaseScenario {

    /** The id GitHub gives the draft of v1.4.1. */
    public static final long DRAFT_ID = 105;

    private static final String RELEASES = PATH + "/releases";

    private final FakeGitHub github;
    private final String base;
    private final String feature;
    private final String merge;

    /** The scenario on {@code github} for a history with these commits. */
    public TrainReleaseScenario(FakeGitHub github, String base, String feature, String merge) {
        this.github = github;
        this.base = base;
        this.feature = feature;
        this.merge = merge;
    }

    /** The repository before the release, and how it answers while the run creates and publishes v1.4.1. */
    public void beforeTheRelease() {
        var gh = github.server();
        github.withRepository();
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/commits/" + merge))
                .withHeader("Accept", equalTo("application/vnd.github.sha"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.sha")
                        .withBody(merge)));
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/tags"))
                .willReturn(github(200).withBody(tags("v1.4.0"))));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/tags/v1.4.0"))
                .willReturn(github(200).withBody(v140())));
        // GitHub's release-by-tag does not show drafts: v1.4.1 is 404 until published
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/tags/v1.4.1"))
                .willReturn(github(404).withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES))
                .inScenario("release")
                .whenScenarioStateIs(STARTED)
                .willReturn(github(200).withBody(array(List.of(v140())))));
        gh.stubFor(post(urlPathEqualTo(RELEASES))
                .inScenario("release")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("draft")
                .willReturn(github(201).withBody(draft())));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES))
                .inScenario("release")
                .whenScenarioStateIs("draft")
                .willReturn(github(200).withBody(array(List.of(draft(), v140())))));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/" + DRAFT_ID))
                .inScenario("release")
                .whenScenarioStateIs("draft")
                .willReturn(github(200).withBody(draft())));
        gh.stubFor(patch(urlPathEqualTo(RELEASES + "/" + DRAFT_ID))
                .inScenario("release")
                .whenScenarioStateIs("draft")
                .willSetStateTo("published")
                .willReturn(github(200).withBody(github.release(DRAFT_ID, "v1.4.1", false, "", merge))));
        // the notes: the pull requests merged between v1.4.0 and the merge commit
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/compare/v1.4.0..." + merge))
                .willReturn(github(200).withBody(compare())));
        gh.stubFor(WireMock.get(urlPathMatching(PATH + "/commits/[0-9a-f]{40}/pulls"))
                .willReturn(github(200).withBody("[]")));
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/pulls/12"))
                .willReturn(github(200)
                        .withBody(github.pull(
                                12,
                                "Weekly release: scale the operators",
                                "Raises the worker count.\r\n\r\nOperators scale to 10k jobs.",
                                "2026-11-24T09:00:00Z",
                                "enhancement"))));
    }

    /** What GitHub shows once the run published v1.4.1 with these notes (the tag now exists). */
    public void afterTheRelease(String notes) {
        var gh = github.server();
        String published = github.release(DRAFT_ID, "v1.4.1", false, notes, merge);
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES))
                .atPriority(1)
                .willReturn(github(200).withBody(array(List.of(published, v140())))));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/tags/v1.4.1"))
                .atPriority(1)
                .willReturn(github(200).withBody(published)));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/" + DRAFT_ID))
                .atPriority(1)
                .willReturn(github(200).withBody(published)));
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/tags"))
                .atPriority(1)
                .willReturn(github(200).withBody(tags("v1.4.1", "v1.4.0"))));
    }

    private String v140() {
        return github.release(104, "v1.4.0", false, "First weekly release.", base);
    }

    private String draft() {
        return github.release(DRAFT_ID, "v1.4.1", true, "", merge);
    }

    private String tags(String... names) {
        StringBuilder b = new StringBuilder("[");
        for (String n : names) {
            String sha = n.equals("v1.4.0") ? base : merge;
            b.append(b.length() > 1 ? "," : "")
                    .append("{\"name\": \"")
                    .append(n)
                    .append("\", \"zipball_url\": \"x\", \"tarball_url\": \"x\",")
                    .append(" \"commit\": {\"sha\": \"")
                    .append(sha)
                    .append("\", \"url\": \"x\"},")
                    .append(" \"node_id\": \"REF_")
                    .append(n)
                    .append("\"}");
        }
        return b + "]";
    }

    private String compare() {
        return "{\"url\": \"" + github.base() + PATH + "/compare/v1.4.0..." + merge + "\","
                + " \"html_url\": \"https://github.com/x/y/compare/v1.4.0..." + merge + "\","
                + " \"base_commit\": " + commit(base, "Operators 1.4.0") + ","
                + " \"merge_base_commit\": " + commit(base, "Operators 1.4.0") + ","
                + " \"status\": \"ahead\", \"ahead_by\": 2, \"behind_by\": 0, \"total_commits\": 2,"
                + " \"commits\": "
                + array(List.of(
                        commit(feature, "Scale the operators to 10k jobs"),
                        commit(merge, "Merge pull request #12 from example/development\n\nWeekly release")))
                + ", \"files\": []}";
    }

    private String commit(String sha, String message) {
        return "{\"sha\": \"" + sha + "\", \"node_id\": \"C_kwDO" + sha.substring(0, 8) + "\","
                + " \"commit\": {\"author\": {\"name\": \"Dev\", \"email\": \"dev@example.org\","
                + " \"date\": \"2026-11-24T08:00:00Z\"}, \"committer\": {\"name\": \"GitHub\","
                + " \"email\": \"noreply@github.com\", \"date\": \"2026-11-24T08:00:00Z\"},"
                + " \"message\": " + quote(message) + ", \"tree\": {\"sha\": \"" + sha + "\", \"url\": \"x\"},"
                + " \"url\": \"" + github.base() + PATH + "/git/commits/" + sha + "\", \"comment_count\": 0},"
                + " \"url\": \"" + github.base() + PATH + "/commits/" + sha + "\","
                + " \"html_url\": \"https://github.com/" + FakeGitHub.OWNER + "/" + FakeGitHub.REPO + "/commit/" + sha
                + "\", \"parents\": []}";
    }
}
