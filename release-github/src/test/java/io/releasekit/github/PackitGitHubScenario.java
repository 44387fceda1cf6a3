package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.releasekit.github.FakeGitHub.github;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seed 004's GitHub (the packit organisation), played by {@link FakeGitHub}: repositories and their stable commits,
 * the image builds as workflow runs, and the merged pull requests with release notes. Shared by release-api's REST test
 * of the seed and release-processes' plain-Java one.
 */
public final class PackitGitHubScenario {

    /** The workflow that builds and pushes the images. */
    public static final String WORKFLOW = "Build and push images to Quay.io";

    private final FakeGitHub github;

    /** The scenario on {@code github}. */
    public PackitGitHubScenario(FakeGitHub github) {
        this.github = github;
    }

    /** GitHub knows the repository and the commit {@code sha}, and answers {@code stable} with it. */
    public void repository(String name, String sha) {
        repository(name, sha, sha);
    }

    /**
     * GitHub knows the repository and the commit {@code sha} (no check run, no status: the image build is a workflow
     * run), and answers {@code stableSha} for {@code stable} — an older commit when GitHub lags behind a push.
     */
    public void repository(String name, String sha, String stableSha) {
        String repo = github.fixture("repo", Map.of())
                .replace("aws-cloudformation/community-registry-extensions", "packit/" + name)
                .replace("community-registry-extensions", name)
                .replace("aws-cloudformation", "packit");
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name))
                        .willReturn(github(200).withBody(repo)));
        for (String ref : List.of("stable", sha)) {
            github.server()
                    .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/commits/" + ref))
                            .withHeader("Accept", equalTo("application/vnd.github.sha"))
                            .willReturn(github(200)
                                    .withHeader("Content-Type", "application/vnd.github.sha")
                                    .withBody(ref.equals("stable") ? stableSha : sha)));
        }
        for (String commit : List.of(sha, stableSha)) {
            github.server()
                    .stubFor(
                            WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/commits/" + commit + "/check-runs"))
                                    .willReturn(github(200).withBody("{\"total_count\": 0, \"check_runs\": []}")));
            github.server()
                    .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/statuses/" + commit))
                            .willReturn(github(200).withBody("[]")));
        }
    }

    /** The image build of {@code sha} in this state. */
    public void imageBuild(String name, String sha, String status, String conclusion) {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/actions/runs"))
                        .withQueryParam("head_sha", equalTo(sha))
                        .willReturn(github(200).withBody(workflowRuns(name, sha, status, conclusion))));
    }

    /** The image build of {@code sha}: queued at the first read, then passed. */
    public void imageBuildQueuedThenPassed(String name, String sha) {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/actions/runs"))
                        .withQueryParam("head_sha", equalTo(sha))
                        .inScenario("image build " + name)
                        .whenScenarioStateIs(STARTED)
                        .willSetStateTo("built")
                        .willReturn(github(200).withBody(workflowRuns(name, sha, "queued", null))));
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/actions/runs"))
                        .withQueryParam("head_sha", equalTo(sha))
                        .inScenario("image build " + name)
                        .whenScenarioStateIs("built")
                        .willReturn(github(200).withBody(workflowRuns(name, sha, "completed", "success"))));
    }

    /** GET /repos/{o}/{r}/actions/runs?head_sha= as GitHub answers it, with the image build of stable. */
    private String workflowRuns(String name, String sha, String status, String conclusion) {
        String path = "/repos/packit/" + name;
        return "{\"total_count\": 1, \"workflow_runs\": [{\"id\": 11950331402, \"name\": \"" + WORKFLOW + "\","
                + " \"node_id\": \"WFR_kwLOCf\", \"head_branch\": \"stable\", \"head_sha\": \"" + sha + "\","
                + " \"path\": \".github/workflows/images-stable.yml\", \"display_title\": \"Merge main\","
                + " \"run_number\": 412, \"event\": \"push\", \"status\": \"" + status + "\", \"conclusion\": "
                + (conclusion == null ? "null" : "\"" + conclusion + "\"") + ", \"workflow_id\": 63171234,"
                + " \"check_suite_id\": 29401234567, \"url\": \"" + github.base() + path
                + "/actions/runs/11950331402\", \"html_url\": \"https://github.com/packit/" + name
                + "/actions/runs/11950331402\", \"pull_requests\": [], \"created_at\": \"2025-11-24T13:05:00Z\","
                + " \"updated_at\": \"2025-11-24T13:45:00Z\", \"run_attempt\": 1,"
                + " \"run_started_at\": \"2025-11-24T13:05:00Z\","
                + " \"jobs_url\": \"" + github.base() + path + "/actions/runs/11950331402/jobs\","
                + " \"logs_url\": \"" + github.base() + path + "/actions/runs/11950331402/logs\","
                + " \"workflow_url\": \"" + github.base() + path + "/actions/workflows/63171234\","
                + " \"head_commit\": {\"id\": \"" + sha + "\", \"tree_id\": \"" + sha
                + "\", \"message\": \"Merge main\","
                + " \"timestamp\": \"2025-11-24T13:04:00Z\", \"author\": {\"name\": \"A\", \"email\": \"a@b.c\"},"
                + " \"committer\": {\"name\": \"A\", \"email\": \"a@b.c\"}}}]}";
    }

    /** A merged pull request with the {@code has-release-notes} label, as the issue search lists it. */
    public static String[] pr(int number, String title, String body) {
        return new String[] {Integer.toString(number), title, body};
    }

    /**
     * The merged pull requests with release notes of a repository, as the issue search finds them (a date window) and
     * as a comparison of any two commits lists them (since the previous {@code stable}): each a merge commit "Merge
     * pull request #N", and {@code GET /pulls/N} with the label {@code has-release-notes}.
     */
    public void pullRequestsWithReleaseNotes(String name, List<String[]> prs) {
        List<String> commits = new ArrayList<>();
        for (String[] pr : prs) {
            int n = Integer.parseInt(pr[0]);
            commits.add(compareCommit(
                    name,
                    String.format("%040x", 0xC0FFEE00L + n),
                    "Merge pull request #" + n + " from dev/branch\n\n" + pr[1]));
            github.server()
                    .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/pulls/" + n))
                            .willReturn(github(200)
                                    .withBody(github.pull(n, pr[1], pr[2], "2025-11-20T10:00:00Z", "has-release-notes")
                                            .replace(
                                                    "aws-cloudformation/community-registry-extensions",
                                                    "packit/" + name))));
        }
        String base = compareCommit(name, String.format("%040x", 0xBA5EL), "Deployed last Monday");
        github.server()
                .stubFor(WireMock.get(com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                                "/repos/packit/" + name + "/compare/[^/]+"))
                        .willReturn(github(200)
                                .withBody("{\"url\": \"" + github.base() + "/repos/packit/" + name + "/compare/x\","
                                        + " \"html_url\": \"https://github.com/packit/" + name + "/compare/x\","
                                        + " \"base_commit\": " + base + ", \"merge_base_commit\": " + base + ","
                                        + " \"status\": \"ahead\", \"ahead_by\": " + commits.size() + ","
                                        + " \"behind_by\": 0, \"total_commits\": " + commits.size() + ","
                                        + " \"commits\": " + FakeGitHub.array(commits) + ", \"files\": []}")));
        searchResults(name, prs);
    }

    private String compareCommit(String name, String sha, String message) {
        String path = "/repos/packit/" + name;
        return "{\"sha\": \"" + sha + "\", \"node_id\": \"C_kwDO" + sha.substring(0, 8) + "\","
                + " \"commit\": {\"author\": {\"name\": \"Dev\", \"email\": \"dev@example.org\","
                + " \"date\": \"2025-11-20T10:00:00Z\"}, \"committer\": {\"name\": \"GitHub\","
                + " \"email\": \"noreply@github.com\", \"date\": \"2025-11-20T10:00:00Z\"},"
                + " \"message\": " + FakeGitHub.quote(message) + ", \"tree\": {\"sha\": \"" + sha
                + "\", \"url\": \"x\"},"
                + " \"url\": \"" + github.base() + path + "/git/commits/" + sha + "\", \"comment_count\": 0},"
                + " \"url\": \"" + github.base() + path + "/commits/" + sha + "\","
                + " \"html_url\": \"https://github.com/packit/" + name + "/commit/" + sha + "\", \"parents\": []}";
    }

    private void searchResults(String name, List<String[]> prs) {
        List<String> items = new ArrayList<>();
        for (String[] pr : prs) {
            items.add(github.searchItem(
                            Integer.parseInt(pr[0]), pr[1], pr[2], "2025-11-20T10:00:00Z", "has-release-notes")
                    .replace("packit/packit-service", "packit/" + name));
        }
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/search/issues"))
                        .withQueryParam("q", matching(".*repo:packit/" + name + "( .*)?"))
                        .willReturn(github(200)
                                .withBody("{\"total_count\": " + items.size() + ", \"incomplete_results\": false,"
                                        + " \"items\": " + FakeGitHub.array(items) + "}")));
    }
}
