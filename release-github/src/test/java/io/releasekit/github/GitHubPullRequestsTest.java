package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static io.releasekit.github.FakeGitHub.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.host.NotesCategory;
import io.releasekit.core.host.NotesConfig;
import io.releasekit.core.host.PullRequest;
import io.releasekit.core.host.PullRequestSearch;
import io.releasekit.core.host.ReleaseNotes;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubPullRequestsTest {

    final FakeGitHub github = new FakeGitHub().withRepository();
    final GitHubReleaseHost host = github.connection().repository(FakeGitHub.OWNER, FakeGitHub.REPO);

    @AfterEach
    void stop() {
        github.close();
    }

    String commit(String sha, String message) {
        return "{\"sha\": \"" + sha + "\", \"node_id\": \"C_kwDOGBNx3toAKD" + sha.substring(0, 6) + "\","
                + " \"commit\": {\"author\": {\"name\": \"Dev\", \"email\": \"dev@example.org\","
                + " \"date\": \"2025-11-19T10:00:00Z\"}, \"committer\": {\"name\": \"GitHub\","
                + " \"email\": \"noreply@github.com\", \"date\": \"2025-11-19T10:00:00Z\"},"
                + " \"message\": " + quote(message) + ", \"tree\": {\"sha\": \"" + sha + "\", \"url\": \"x\"},"
                + " \"url\": \"" + github.base() + PATH + "/git/commits/" + sha + "\", \"comment_count\": 0},"
                + " \"url\": \"" + github.base() + PATH + "/commits/" + sha + "\","
                + " \"html_url\": \"https://github.com/" + FakeGitHub.OWNER + "/" + FakeGitHub.REPO + "/commit/" + sha
                + "\", \"parents\": [{\"sha\": \"" + "0".repeat(40) + "\", \"url\": \"x\", \"html_url\": \"x\"}]}";
    }

    String compare(List<String> commits) {
        return "{\"url\": \"" + github.base() + PATH + "/compare/release-0.1.1...main\","
                + " \"html_url\": \"https://github.com/x/y/compare/release-0.1.1...main\","
                + " \"permalink_url\": \"https://github.com/x/y/compare/x:1...x:2\","
                + " \"diff_url\": \"https://github.com/x/y/compare/release-0.1.1...main.diff\","
                + " \"patch_url\": \"https://github.com/x/y/compare/release-0.1.1...main.patch\","
                + " \"base_commit\": " + commit("0".repeat(40), "Release 0.1.1") + ","
                + " \"merge_base_commit\": " + commit("0".repeat(40), "Release 0.1.1") + ","
                + " \"status\": \"ahead\", \"ahead_by\": 4, \"behind_by\": 0, \"total_commits\": 4,"
                + " \"commits\": " + array(commits) + ", \"files\": []}";
    }

    @Test
    void findsThePullRequestsMergedBetweenTwoRefsAcrossCommitPages() {
        String a = "a".repeat(40), b = "b".repeat(40), c = "c".repeat(40), d = "d".repeat(40);
        String comparePath = PATH + "/compare/release-0.1.1...main";
        github.server()
                .stubFor(get(urlPathEqualTo(comparePath))
                        .withQueryParam("per_page", equalTo("1"))
                        .willReturn(github(200).withBody(compare(List.of(commit(a, "x"))))));
        github.server()
                .stubFor(get(urlPathEqualTo(comparePath))
                        .withQueryParam("per_page", equalTo("100"))
                        .withQueryParam("page", absent())
                        .willReturn(github(200)
                                .withHeader("Link", github.link(comparePath + "?per_page=100", 2, 2))
                                .withBody(compare(List.of(
                                        commit(a, "Merge pull request #101 from dev101/feature-101\n\nAdd Okta"),
                                        commit(b, "Fix typo in README (#102)"))))));
        github.server()
                .stubFor(get(urlPathEqualTo(comparePath))
                        .withQueryParam("page", equalTo("2"))
                        .willReturn(github(200)
                                .withBody(compare(List.of(
                                        commit(c, "Bump boto3 from 1.34.0 to 1.35.0"),
                                        commit(d, "Update docs directly"))))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/commits/" + c + "/pulls"))
                        .willReturn(github(200)
                                .withBody(array(List.of(github.pull(
                                        103, "Bump boto3", "Bumps boto3.\n\nN/A", "2025-11-19T09:00:00Z"))))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/commits/" + d + "/pulls"))
                        .willReturn(github(200).withBody("[]")));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/pulls/101"))
                        .willReturn(github(200)
                                .withBody(github.pull(
                                        101,
                                        "Add Okta resource",
                                        "Adds the resource.\r\n\r\nRELEASE NOTES BEGIN\r\nNew `Okta::Group` resource.\r\n"
                                                + "RELEASE NOTES END\r\n",
                                        "2025-11-18T12:00:00Z",
                                        "enhancement"))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/pulls/102"))
                        .willReturn(github(200)
                                .withBody(github.pull(
                                        102, "Fix typo in README", "", "2025-11-17T12:00:00Z", "documentation"))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/pulls/103"))
                        .willReturn(github(200)
                                .withBody(github.pull(
                                        103,
                                        "Bump boto3",
                                        "Bumps boto3.\n\nN/A",
                                        "2025-11-19T09:00:00Z",
                                        "dependencies"))));

        List<PullRequest> prs = host.mergedPullRequests("release-0.1.1", "main");

        assertThat(prs).extracting(PullRequest::number).containsExactly(102, 101, 103);
        assertThat(prs.get(1).labels()).containsExactly("enhancement");
        assertThat(prs.get(1).author()).isEqualTo("dev101");
        ReleaseNotes notes = ReleaseNotes.compose(
                prs, NotesConfig.defaults().withCategories(List.of(NotesCategory.of("New resources", "enhancement"))));
        assertThat(notes.markdown())
                .contains("### New resources\n\n- New `Okta::Group` resource. ([#101](https://github.com/"
                        + "aws-cloudformation/community-registry-extensions/pull/101))")
                .contains("### Other Changes\n\n- Fix typo in README ([#102]");
        assertThat(notes.omitted()).extracting(o -> o.pullRequest().number()).containsExactly(103);
    }

    @Test
    void searchesPullRequestsMergedInTheLastWeekWithTheLabelOfSeed004() {
        github.server()
                .stubFor(get(urlPathEqualTo("/search/issues"))
                        .withQueryParam("page", absent())
                        .willReturn(github(200)
                                .withHeader("Link", github.link("/search/issues?q=x&per_page=100", 2, 2))
                                .withBody("{\"total_count\": 2, \"incomplete_results\": false, \"items\": ["
                                        + github.searchItem(
                                                2701,
                                                "Retrigger tests",
                                                "Intro.\n\nYou can now retrigger" + " `/packit test` for one target.",
                                                "2025-11-19T14:00:00Z",
                                                "has-release-notes")
                                        + "]}")));
        github.server()
                .stubFor(get(urlPathEqualTo("/search/issues"))
                        .withQueryParam("page", equalTo("2"))
                        .willReturn(github(200)
                                .withBody("{\"total_count\": 2, \"incomplete_results\": false, \"items\": ["
                                        + github.searchItem(
                                                2699,
                                                "Faster dashboard",
                                                "The dashboard loads 2x faster.",
                                                "2025-11-18T08:00:00Z",
                                                "has-release-notes",
                                                "enhancement")
                                        + "]}")));

        List<PullRequest> prs = host.mergedPullRequests(
                PullRequestSearch.mergedBetween(LocalDate.parse("2025-11-17"), LocalDate.parse("2025-11-24"))
                        .withLabels(List.of("has-release-notes")));

        assertThat(prs).extracting(PullRequest::number).containsExactly(2699, 2701);
        assertThat(prs.get(0).mergedAt()).map(Object::toString).contains("2025-11-18T08:00:00Z");
        github.server()
                .verify(getRequestedFor(urlPathEqualTo("/search/issues"))
                        .withQueryParam("q", containing("repo:aws-cloudformation/community-registry-extensions"))
                        .withQueryParam("q", containing("is:pr"))
                        .withQueryParam("q", containing("is:merged"))
                        .withQueryParam("q", containing("merged:2025-11-17..2025-11-24"))
                        .withQueryParam("q", containing("label:\"has-release-notes\"")));
    }

    @Test
    void incompleteSearchResultsAreAServiceFailureNotASilentlyShortList() {
        github.server()
                .stubFor(get(urlPathEqualTo("/search/issues"))
                        .willReturn(github(200)
                                .withBody("{\"total_count\": 40, \"incomplete_results\": true," + " \"items\": []}")));

        assertThatThrownBy(() -> host.mergedPullRequests(
                        PullRequestSearch.mergedBetween(LocalDate.parse("2025-11-17"), LocalDate.parse("2025-11-24"))))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("incomplete");
    }
}
