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

    /** GitHub answers {@code sha} for {@code main} (the staging check asks what main is). */
    public void main(String name, String sha) {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/commits/main"))
                        .withHeader("Accept", equalTo("application/vnd.github.sha"))
                        .willReturn(github(200)
                                .withHeader("Content-Type", "application/vnd.github.sha")
                                .withBody(sha)));
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

    /** The number of the blog post's pull request in the blog repository. */
    public static final int BLOG_PULL_REQUEST = 812;

    /** The commit the blog repository's default branch ({@code main}) is at. */
    public static final String BLOG_MAIN = "5ea1b1d2c3e4f5061728394a5b6c7d8e9f0a1b2c";

    /**
     * The blog repository {@code packit/<name>} (default branch {@code main}), empty of the post: the branch, the file
     * and the pull request are made by the calls (POST git/refs, PUT contents, POST pulls), after which GitHub answers
     * as it does: a second POST of the ref is 422 "Reference already exists", a second POST of the pull request 422 "A
     * pull request already exists", and the pull request is listed for its head branch. Each of the three is a
     * WireMock scenario ({@link #blogScenario}) a test can start in {@code "exists"}.
     */
    public void blogRepository(String name) {
        String path = "/repos/packit/" + name;
        String repo = github.fixture("repo", Map.of())
                .replace("aws-cloudformation/community-registry-extensions", "packit/" + name)
                .replace("community-registry-extensions", name)
                .replace("aws-cloudformation", "packit");
        var server = github.server();
        server.stubFor(WireMock.get(urlPathEqualTo(path)).willReturn(github(200).withBody(repo)));
        server.stubFor(WireMock.get(WireMock.urlPathMatching(path + "/git/refs?/heads/main"))
                .willReturn(github(200).withBody(ref(name, "refs/heads/main", BLOG_MAIN))));
        // the branch
        server.stubFor(WireMock.post(urlPathEqualTo(path + "/git/refs"))
                .inScenario(blogScenario(name, "branch"))
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("exists")
                .willReturn(github(201).withBody(ref(name, "refs/heads/blog", BLOG_MAIN))));
        server.stubFor(WireMock.post(urlPathEqualTo(path + "/git/refs"))
                .inScenario(blogScenario(name, "branch"))
                .whenScenarioStateIs("exists")
                .willReturn(github(422)
                        .withBody("{\"message\": \"Reference already exists\", \"documentation_url\":"
                                + " \"https://docs.github.com/rest/git/refs#create-a-reference\", \"status\":"
                                + " \"422\"}")));
        // the file
        server.stubFor(WireMock.get(WireMock.urlPathMatching(path + "/contents/.+"))
                .inScenario(blogScenario(name, "file"))
                .whenScenarioStateIs(STARTED)
                .willReturn(github(404)
                        .withBody("{\"message\": \"Not Found\", \"documentation_url\":"
                                + " \"https://docs.github.com/rest/repos/contents#get-repository-content\","
                                + " \"status\": \"404\"}")));
        server.stubFor(WireMock.put(WireMock.urlPathMatching(path + "/contents/.+"))
                .inScenario(blogScenario(name, "file"))
                .willSetStateTo("written")
                .willReturn(github(201).withBody(contentUpdate(name))));
        // the pull request
        server.stubFor(WireMock.get(urlPathEqualTo(path + "/pulls"))
                .withQueryParam("head", matching("packit:blog/.+"))
                .inScenario(blogScenario(name, "pull request"))
                .whenScenarioStateIs(STARTED)
                .willReturn(github(200).withBody("[]")));
        server.stubFor(WireMock.get(urlPathEqualTo(path + "/pulls"))
                .withQueryParam("head", matching("packit:blog/.+"))
                .inScenario(blogScenario(name, "pull request"))
                .whenScenarioStateIs("exists")
                .willReturn(github(200).withBody("[" + blogPull(name) + "]")));
        server.stubFor(WireMock.post(urlPathEqualTo(path + "/pulls"))
                .inScenario(blogScenario(name, "pull request"))
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("exists")
                .willReturn(github(201).withBody(blogPull(name))));
        server.stubFor(WireMock.post(urlPathEqualTo(path + "/pulls"))
                .inScenario(blogScenario(name, "pull request"))
                .whenScenarioStateIs("exists")
                .willReturn(github(422)
                        .withBody("{\"message\": \"Validation Failed\", \"errors\": [{\"resource\":"
                                + " \"PullRequest\", \"code\": \"custom\", \"message\": \"A pull request already"
                                + " exists for packit:blog.\"}], \"documentation_url\":"
                                + " \"https://docs.github.com/rest/pulls/pulls#create-a-pull-request\","
                                + " \"status\": \"422\"}")));
    }

    /**
     * The file of the post is already on its branch with this blob id (a rerun after the file was committed): the
     * contents API answers it.
     */
    public void blogFileExists(String name, String filePath, String blobSha) {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo("/repos/packit/" + name + "/contents/" + filePath))
                        .inScenario(blogScenario(name, "file"))
                        .whenScenarioStateIs("exists")
                        .willReturn(github(200).withBody(content(name, filePath, blobSha))));
        github.server().setScenarioState(blogScenario(name, "file"), "exists");
    }

    /** The WireMock scenario of the blog repository's {@code branch}, {@code file} or {@code pull request}. */
    public static String blogScenario(String name, String part) {
        return "blog " + name + " " + part;
    }

    private String ref(String name, String ref, String sha) {
        String api = github.base() + "/repos/packit/" + name;
        return "{\"ref\": \"" + ref + "\", \"node_id\": \"REF_kwDOBlog\", \"url\": \"" + api + "/git/" + ref
                + "\", \"object\": {\"sha\": \"" + sha + "\", \"type\": \"commit\", \"url\": \"" + api
                + "/git/commits/" + sha + "\"}}";
    }

    private String content(String name, String filePath, String sha) {
        String api = github.base() + "/repos/packit/" + name;
        String file = filePath.substring(filePath.lastIndexOf('/') + 1);
        return "{\"type\": \"file\", \"encoding\": \"base64\", \"size\": 120, \"name\": \"" + file
                + "\", \"path\": \"" + filePath + "\", \"content\": \"LS0tCg==\", \"sha\": \"" + sha
                + "\", \"url\": \"" + api + "/contents/" + filePath + "\", \"git_url\": \"" + api + "/git/blobs/"
                + sha + "\", \"html_url\": \"https://github.com/packit/" + name + "/blob/blog/" + filePath
                + "\", \"download_url\": \"https://raw.githubusercontent.com/packit/" + name + "/blog/" + filePath
                + "\", \"_links\": {\"self\": \"" + api + "/contents/" + filePath + "\"}}";
    }

    private String contentUpdate(String name) {
        String api = github.base() + "/repos/packit/" + name;
        String commit = "7638417db6d59f3c431d3e1f261cc637155684cd";
        return "{\"content\": " + content(name, "content/posts/post.md", "95b966ae1c166bd92f8ae7d1c313e738c731dfc3")
                + ", \"commit\": {\"sha\": \"" + commit + "\", \"node_id\": \"C_kwDOBlog\", \"url\": \"" + api
                + "/git/commits/" + commit + "\", \"html_url\": \"https://github.com/packit/" + name + "/commit/"
                + commit + "\", \"author\": {\"date\": \"2025-11-24T14:00:00Z\", \"name\": \"releasekit\","
                + " \"email\": \"releasekit@example.org\"}, \"committer\": {\"date\": \"2025-11-24T14:00:00Z\","
                + " \"name\": \"releasekit\", \"email\": \"releasekit@example.org\"}, \"message\": \"blog post\","
                + " \"tree\": {\"url\": \"" + api + "/git/trees/" + commit + "\", \"sha\": \"" + commit + "\"},"
                + " \"parents\": [{\"url\": \"" + api + "/git/commits/" + BLOG_MAIN + "\", \"html_url\":"
                + " \"https://github.com/packit/" + name + "/commit/" + BLOG_MAIN + "\", \"sha\": \"" + BLOG_MAIN
                + "\"}], \"verification\": {\"verified\": false, \"reason\": \"unsigned\", \"signature\": null,"
                + " \"payload\": null}}}";
    }

    private String blogPull(String name) {
        int n = BLOG_PULL_REQUEST;
        String api = github.base() + "/repos/packit/" + name;
        return "{\"url\": \"" + api + "/pulls/" + n + "\", \"id\": 2150000812, \"node_id\": \"PR_kwDOBlog812\","
                + " \"html_url\": \"https://github.com/packit/" + name + "/pull/" + n + "\", \"number\": " + n
                + ", \"state\": \"open\", \"locked\": false, \"title\": \"Packit in November 2025\","
                + " \"user\": {\"login\": \"packit-as-a-service\", \"id\": 81, \"type\": \"Bot\","
                + " \"site_admin\": false}, \"body\": \"Drafted by releasekit\", \"labels\": [],"
                + " \"created_at\": \"2025-11-24T14:00:00Z\", \"updated_at\": \"2025-11-24T14:00:00Z\","
                + " \"closed_at\": null, \"merged_at\": null, \"merge_commit_sha\": null, \"draft\": false,"
                + " \"head\": {\"label\": \"packit:blog/packit-in-november-2025\", \"ref\":"
                + " \"blog/packit-in-november-2025\", \"sha\": \"7638417db6d59f3c431d3e1f261cc637155684cd\"},"
                + " \"base\": {\"label\": \"packit:main\", \"ref\": \"main\", \"sha\": \"" + BLOG_MAIN + "\"},"
                + " \"author_association\": \"CONTRIBUTOR\"}";
    }
}
