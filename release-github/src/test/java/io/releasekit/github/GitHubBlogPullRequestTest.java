package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.host.FilePullRequest;
import io.releasekit.core.host.OpenedPullRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A blog post opened as a pull request on GitHub (played by WireMock with GitHub's payloads and errors): branch from
 * the default branch, file, pull request — and a rerun that finds what is there and opens nothing twice.
 */
class GitHubBlogPullRequestTest {

    static final String BLOG = "packit.dev";
    static final String PATH = "/repos/packit/" + BLOG;
    static final String FILE = "content/posts/2025-11-packit-in-november-2025.md";

    final FakeGitHub github = new FakeGitHub();
    final PackitGitHubScenario packit = new PackitGitHubScenario(github);
    final GitHubReleaseHost host = github.connection().repository("packit", BLOG);
    final FilePullRequest post = new FilePullRequest(
            "blog/packit-in-november-2025",
            FILE,
            "---\ntitle: \"Packit in November 2025\"\n---\n\n- Faster builds (#2871)\n",
            "Packit in November 2025",
            "Drafted by releasekit");

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void opensBranchFileAndPullRequestOnceAndARerunReturnsTheSamePullRequest() {
        packit.blogRepository(BLOG);

        OpenedPullRequest opened = host.openPullRequest(post);
        OpenedPullRequest again = host.openPullRequest(post);

        assertThat(opened)
                .isEqualTo(new OpenedPullRequest(
                        PackitGitHubScenario.BLOG_PULL_REQUEST, "https://github.com/packit/packit.dev/pull/812", true));
        assertThat(again).isEqualTo(new OpenedPullRequest(opened.number(), opened.url(), false));
        var server = github.server();
        server.verify(
                1,
                postRequestedFor(urlPathEqualTo(PATH + "/git/refs"))
                        .withRequestBody(
                                equalToJson("{\"ref\": \"refs/heads/blog/packit-in-november-2025\", \"sha\": \""
                                        + PackitGitHubScenario.BLOG_MAIN + "\"}")));
        server.verify(
                1,
                putRequestedFor(urlPathEqualTo(PATH + "/contents/" + FILE))
                        .withRequestBody(matchingJsonPath("$.branch", equalTo("blog/packit-in-november-2025")))
                        .withRequestBody(matchingJsonPath(
                                "$.content",
                                equalTo(Base64.getEncoder()
                                        .encodeToString(post.content().getBytes(StandardCharsets.UTF_8)))))
                        .withRequestBody(matchingJsonPath("$.message", equalTo("Packit in November 2025"))));
        server.verify(
                1,
                postRequestedFor(urlPathEqualTo(PATH + "/pulls"))
                        .withRequestBody(matchingJsonPath("$.head", equalTo("blog/packit-in-november-2025")))
                        .withRequestBody(matchingJsonPath("$.base", equalTo("main")))
                        .withRequestBody(matchingJsonPath("$.title", equalTo("Packit in November 2025"))));
    }

    @Test
    void aRerunAfterBranchAndFileWereMadeOpensOnlyThePullRequest() {
        packit.blogRepository(BLOG);
        github.server().setScenarioState(PackitGitHubScenario.blogScenario(BLOG, "branch"), "exists");
        packit.blogFileExists(BLOG, FILE, post.blobSha());

        OpenedPullRequest opened = host.openPullRequest(post);

        assertThat(opened.created()).isTrue();
        var server = github.server();
        server.verify(
                1, postRequestedFor(urlPathEqualTo(PATH + "/git/refs"))); // answered 422 "Reference already exists"
        server.verify(0, putRequestedFor(urlPathEqualTo(PATH + "/contents/" + FILE)));
        server.verify(1, postRequestedFor(urlPathEqualTo(PATH + "/pulls")));
    }

    @Test
    void aFileWithOtherContentOnTheBranchIsUpdatedWithItsBlobId() {
        packit.blogRepository(BLOG);
        github.server().setScenarioState(PackitGitHubScenario.blogScenario(BLOG, "branch"), "exists");
        packit.blogFileExists(BLOG, FILE, "95b966ae1c166bd92f8ae7d1c313e738c731dfc3");

        host.openPullRequest(post);

        github.server()
                .verify(
                        1,
                        putRequestedFor(urlPathEqualTo(PATH + "/contents/" + FILE))
                                .withRequestBody(matchingJsonPath(
                                        "$.sha", equalTo("95b966ae1c166bd92f8ae7d1c313e738c731dfc3"))));
    }

    @Test
    void aPullRequestOpenedMeanwhileIsReturnedNotDuplicated() {
        packit.blogRepository(BLOG);
        github.server().setScenarioState(PackitGitHubScenario.blogScenario(BLOG, "pull request"), "exists");

        OpenedPullRequest found = host.openPullRequest(post);

        assertThat(found.created()).isFalse();
        assertThat(found.number()).isEqualTo(PackitGitHubScenario.BLOG_PULL_REQUEST);
        github.server().verify(0, postRequestedFor(urlPathEqualTo(PATH + "/git/refs")));
        github.server().verify(0, postRequestedFor(urlPathEqualTo(PATH + "/pulls")));
    }

    @Test
    void theBlobIdIsGitsOwn() {
        // `printf 'hello\n' | git hash-object --stdin`
        assertThat(new FilePullRequest("blog/x", "x.md", "hello\n", "x", "").blobSha())
                .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    }
}
