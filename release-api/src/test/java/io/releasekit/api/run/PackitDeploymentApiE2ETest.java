package io.releasekit.api.run;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.releasekit.git.testkit.GitCli.git;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.PackitGitHubScenario;
import io.releasekit.notify.PackitChatScenario;
import io.releasekit.process.recipe.PackitDeploymentProcess;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seed 004 (Packit's weekly production deployment) end to end over REST, one {@code packit.deployment} run: the Slack
 * and Matrix topics go up, {@code stable} is moved to {@code main} in real git repositories behind a real git server
 * (JGit's GitServlet), the image builds of {@code stable} are waited for on GitHub (WireMock with GitHub-shaped
 * payloads, through hub4j), the blog post is drafted from the merged pull requests with release notes, the top news
 * goes to Mastodon as a thread of posts within 500 characters, and the topics come back exactly as they were.
 *
 * <p>Every scenario has its own repositories (configured by name, git and GitHub alike), so the application context
 * is started once. Chat (Slack, Matrix, Mastodon) is one WireMock server, GitHub another.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackitDeploymentApiE2ETest implements TestPropertyProvider {

    static final Duration WAIT = Duration.ofSeconds(40);
    static final String BANNER = PackitChatScenario.BANNER;
    static final String SLACK_TOPIC = PackitChatScenario.SLACK_TOPIC;
    static final String MATRIX_TOPIC = PackitChatScenario.MATRIX_TOPIC;
    static final String WORKFLOW = PackitGitHubScenario.WORKFLOW;
    static final String ROOM_TOPIC = PackitChatScenario.ROOM_TOPIC;
    static final String SET_TOPIC = PackitChatScenario.SET_TOPIC;
    static final String STATUSES = PackitChatScenario.STATUSES;
    static final String SLACK_TOKEN = PackitChatScenario.SLACK_TOKEN;
    static final String MATRIX_TOKEN = PackitChatScenario.MATRIX_TOKEN;
    static final String MASTODON_TOKEN = PackitChatScenario.MASTODON_TOKEN;
    static final String KIND = PackitDeploymentProcess.KIND;
    static final List<String> REPOS = List.of(
            "packit-service",
            "packit",
            "ogr",
            "dry-service",
            "failing-service",
            "broken-service",
            "drill",
            "verified-service",
            "unverified-service",
            "blog-service");
    /** The blog's GitHub repository ({@code packit/packit.dev}), configured as {@code packit-blog}. */
    static final String BLOG = "packit.dev";

    static final FakeGitHub GITHUB = new FakeGitHub();
    static final WireMockServer CHAT = new WireMockServer(wireMockConfig().dynamicPort());
    /** The deployments' {@code /api/system}-style status endpoints: staging under {@code /stg}, production at the root. */
    static final WireMockServer STATUS = new WireMockServer(wireMockConfig().dynamicPort());

    static final PackitGitHubScenario GH = new PackitGitHubScenario(GITHUB);
    static final PackitChatScenario CHATS = new PackitChatScenario(CHAT);
    static final Path ROOT;
    static final GitHttpServer GIT;

    static {
        CHAT.start();
        STATUS.start();
        try {
            ROOT = Files.createTempDirectory("releasekit-packit-e2e");
            GIT = GitHttpServer.start(Files.createDirectories(ROOT.resolve("server")));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("releasekit.data-dir", ROOT.resolve("data").toString());
        p.put("releasekit.github.endpoint", GITHUB.base());
        p.put("releasekit.github.token", "ghp_packitE2EtoKen0123456789abcdef");
        for (String repo : REPOS) {
            p.put("releasekit.github.repositories." + repo + ".owner", "packit");
            p.put("releasekit.github.repositories." + repo + ".repo", repo);
            p.put(
                    "releasekit.repositories." + repo + ".path",
                    ROOT.resolve("work/" + repo).toString());
            p.put("releasekit.repositories." + repo + ".remote-url", GIT.url(repo + ".git"));
            p.put("releasekit.repositories." + repo + ".author-name", RepoFixture.RELEASER.name());
            p.put("releasekit.repositories." + repo + ".author-email", RepoFixture.RELEASER.email());
        }
        p.put("releasekit.github.repositories.packit-blog.owner", "packit");
        p.put("releasekit.github.repositories.packit-blog.repo", BLOG);
        p.put("releasekit.channels.packit-slack.type", "slack");
        p.put("releasekit.channels.packit-slack.token", SLACK_TOKEN);
        p.put("releasekit.channels.packit-slack.channel-id", "C0123456789");
        p.put("releasekit.channels.packit-slack.base-url", CHAT.baseUrl() + "/slack/api");
        p.put("releasekit.channels.packit-matrix.type", "matrix");
        p.put("releasekit.channels.packit-matrix.base-url", CHAT.baseUrl());
        p.put("releasekit.channels.packit-matrix.token", MATRIX_TOKEN);
        p.put("releasekit.channels.packit-matrix.room-id", "!packit:fedora.im");
        p.put("releasekit.channels.fosstodon.type", "mastodon");
        p.put("releasekit.channels.fosstodon.base-url", CHAT.baseUrl());
        p.put("releasekit.channels.fosstodon.token", MASTODON_TOKEN);
        for (String chat : List.of("slack", "matrix", "mastodon")) {
            p.put("releasekit.services." + chat + ".max-attempts", "1");
            p.put("releasekit.services." + chat + ".timeout", "3s");
            p.put("releasekit.services." + chat + ".wait-in-open-state", "300ms");
        }
        // GitHub answering 5xx opens its breaker after two failed calls
        p.put("releasekit.services.github.max-attempts", "2");
        p.put("releasekit.services.github.initial-backoff", "10ms");
        p.put("releasekit.services.github.minimum-number-of-calls", "2");
        p.put("releasekit.services.github.sliding-window-size", "2");
        p.put("releasekit.runs.replay-interval", "200ms");
        for (String[] d :
                List.of(new String[] {"packit-stg", "/stg/api/system"}, new String[] {"packit-prod", "/api/system"})) {
            p.put("releasekit.deployments." + d[0] + ".url", STATUS.baseUrl() + d[1]);
            for (String repo : List.of("verified-service", "unverified-service")) {
                p.put(
                        "releasekit.deployments." + d[0] + ".components." + repo,
                        "/" + repo.replace('-', '_') + "/commit");
            }
        }
        p.put("releasekit.services.deployment.max-attempts", "1"); // the family of deployment:<name>
        return p;
    }

    @AfterAll
    void stopServers() throws Exception {
        CHAT.stop();
        STATUS.stop();
        GITHUB.close();
        GIT.close();
        try (var files = Files.walk(ROOT)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @BeforeEach
    void reset() {
        CHAT.resetAll();
        STATUS.resetAll();
        GITHUB.server().resetAll();
        http = new RunsHttp(server.getURI());
        for (String service : List.of("github", "slack", "matrix", "mastodon")) {
            http.post("/api/v1/services/" + service + "/reset", TestTokens.ADMIN, "");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void setsTopicsMovesStableWaitsForTheImagesDraftsTheBlogPostPostsAThreadAndRestoresTheTopics() {
        RepoFixture service = repository("packit-service", 2);
        RepoFixture packit = repository("packit", 1);
        String serviceOld = service.head("stable");
        String packitOld = packit.head("stable");
        chatTopics(false);
        mastodonAnswers();
        // right after the push GitHub still answers last week's stable for packit-service, whose build passed
        gitHubRepository("packit-service", service.head("main"), serviceOld);
        imageBuild("packit-service", serviceOld, "completed", "success");
        gitHubRepository("packit", packit.head("main"));
        imageBuildQueuedThenPassed("packit-service", service.head("main"));
        imageBuild("packit", packit.head("main"), "completed", "success");
        pullRequestsWithReleaseNotes(
                "packit-service",
                List.of(
                        pr(
                                2701,
                                "Retrigger tests for a single target with /packit test",
                                "Intro.\n\nYou can now retrigger" + " `/packit test` for one target."),
                        pr(2702, "Dashboard lists the pipelines of the last 30 days", "The dashboard loads 2x faster."),
                        pr(
                                2703,
                                "Koji builds can be retriggered from the dashboard",
                                "Retrigger Koji builds with a click.")));
        pullRequestsWithReleaseNotes(
                "packit",
                List.of(
                        pr(2450, "Packit can now find a spec file inside a bottle of rum", "Very handy when thirsty."),
                        pr(
                                2451,
                                "propose-downstream opens one pull request per dist-git branch again",
                                "Back as before."),
                        pr(2452, "pull-from-upstream respects the upstream_tag_include option", "Tags are filtered."),
                        pr(2453, "create-update links the Bodhi update in the commit status", "Find updates faster."),
                        pr(2454, "The packit CLI validates the configuration before every job", "Fewer surprises."),
                        pr(
                                2455,
                                "Copr builds of pull requests from forks use the fork's name",
                                "Clearer Copr projects.")));

        Map<String, Object> run = http.start(
                TestTokens.CI,
                KIND,
                parameters(List.of("packit-service", "packit"), Map.of("mastodonChannel", "fosstodon")));
        Map<String, Object> done = http.awaitState((String) run.get("id"), WAIT, "SUCCEEDED", "FAILED");

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> steps = RunsHttp.steps(done);
        assertThat(steps.keySet())
                .containsExactly(
                        "set-topic-packit-slack",
                        "set-topic-packit-matrix",
                        "fetch:packit-service",
                        "move-stable:packit-service",
                        "push-stable:packit-service",
                        "fetch:packit",
                        "move-stable:packit",
                        "push-stable:packit",
                        "wait-images:packit-service",
                        "wait-images:packit",
                        "blog-post",
                        "mastodon-post",
                        "restore-topic-packit-slack",
                        "restore-topic-packit-matrix");
        assertThat(steps.values()).allSatisfy(s -> assertThat(s.get("state")).isEqualTo("SUCCEEDED"));

        // the chat writes, in the order they reached the servers: topics up, the thread, topics back
        List<String> writes = chatWrites();
        assertThat(writes).hasSizeGreaterThan(5);
        assertThat(writes.subList(0, 2)).containsExactly("slack topic: " + BANNER, "matrix topic: " + BANNER);
        assertThat(writes.subList(2, writes.size() - 2)).allMatch(w -> w.startsWith("mastodon: "));
        assertThat(writes.subList(writes.size() - 2, writes.size()))
                .containsExactly("slack topic: " + SLACK_TOPIC, "matrix topic: " + MATRIX_TOPIC);
        assertThat(CHAT.findAll(
                        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(SET_TOPIC))))
                .allSatisfy(r -> {
                    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
                    assertThat(json(r.getBodyAsString())).containsEntry("channel", "C0123456789");
                });

        // stable moved to main on the git server, fast-forward, as the git CLI sees it
        for (RepoFixture origin : List.of(service, packit)) {
            assertThat(git(origin.dir(), "rev-parse", "refs/heads/stable"))
                    .isEqualTo(git(origin.dir(), "rev-parse", "refs/heads/main"));
        }
        assertThat(GitCli.isAncestor(service.dir(), serviceOld, "stable")).isTrue();
        assertThat(GitCli.isAncestor(packit.dir(), packitOld, "stable")).isTrue();
        assertThat(outputs(steps, "move-stable:packit-service"))
                .containsEntry("old", serviceOld)
                .containsEntry("new", service.head("main"))
                .containsEntry("how", "fast-forward");

        // the image build of the commit pushed was waited for (not GitHub's lagging stable): queued, then passed
        assertThat(outputs(steps, "wait-images:packit-service"))
                .containsEntry("sha", service.head("main"))
                .containsEntry("verdict", "passed")
                .containsEntry("polls", "2");
        assertThat(GITHUB.server()
                        .findAll(getRequestedFor(urlPathEqualTo("/repos/packit/packit-service/actions/runs"))
                                .withQueryParam("head_sha", equalTo(service.head("main")))))
                .hasSize(2);
        assertThat(GITHUB.server()
                        .findAll(getRequestedFor(urlPathEqualTo("/repos/packit/packit-service/actions/runs"))
                                .withQueryParam("head_sha", equalTo(serviceOld))))
                .isEmpty();

        // the blog post is a draft in the run (the writer edits, merges and publishes it): read it over REST
        Map<String, String> blog = outputs(steps, "blog-post");
        assertThat(blog.get("blogTitle")).matches("Packit in [A-Z][a-z]+ 20[0-9]{2}");
        assertThat(blog.get("blogMarkdown"))
                .startsWith("---\ntitle: \"" + blog.get("blogTitle") + "\"")
                .contains("You can now retrigger `/packit test` for one target.")
                .contains("Very handy when thirsty.")
                .contains("packit-service")
                .contains("2450");
        // since the previous stable: the commits between the one each move replaced and the one it pushed, no window
        assertThat(blog)
                .containsEntry("blogRange.packit-service", serviceOld + ".." + service.head("main"))
                .containsEntry("blogRange.packit", packitOld + ".." + packit.head("main"));
        GITHUB.server()
                .verify(getRequestedFor(
                        urlPathEqualTo("/repos/packit/packit/compare/" + packitOld + "..." + packit.head("main"))));
        assertThat(GITHUB.server().findAll(getRequestedFor(urlPathEqualTo("/search/issues"))))
                .isEmpty();

        // Mastodon: the news is longer than one post, so a thread of posts within 500 characters each
        List<Map<String, Object>> toots = CHAT
                .findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(STATUSES)))
                .stream()
                .map(r -> json(r.getBodyAsString()))
                .toList();
        assertThat(toots).hasSizeGreaterThan(1);
        assertThat(toots).allSatisfy(t -> {
            String status = (String) t.get("status");
            assertThat(status.codePointCount(0, status.length())).isLessThanOrEqualTo(500);
        });
        assertThat(toots.get(0)).doesNotContainKey("in_reply_to_id");
        for (int i = 1; i < toots.size(); i++) {
            assertThat(toots.get(i)).containsEntry("in_reply_to_id", tootId(i));
        }
        assertThat(String.join(
                        " ", toots.stream().map(t -> (String) t.get("status")).toList()))
                .contains("bottle of rum")
                .contains("Copr builds of pull requests from forks");
        assertThat(outputs(steps, "mastodon-post").get("mastodonIds")).contains(tootId(1));

        // the same deployment again: stable is already at main, nothing is moved or pushed, refs unchanged
        Map<String, String> refsBefore = GitCli.refs(service.dir());
        CHAT.resetScenarios();
        CHAT.resetRequests();
        Map<String, Object> again = http.awaitState(
                (String) http.start(TestTokens.CI, KIND, parameters(List.of("packit-service", "packit"), Map.of()))
                        .get("id"),
                WAIT,
                "SUCCEEDED",
                "FAILED");
        assertThat(again.get("state")).as(String.valueOf(again)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> againSteps = RunsHttp.steps(again);
        for (String name : List.of(
                "move-stable:packit-service",
                "push-stable:packit-service",
                "move-stable:packit",
                "push-stable:packit")) {
            assertThat(againSteps.get(name)).as(name).containsEntry("state", "SKIPPED");
        }
        assertThat(GitCli.refs(service.dir())).isEqualTo(refsBefore);
    }

    @Test
    void opensTheBlogPostAsAPullRequestOnceAcrossARerunAndTheThreadLinksIt() {
        RepoFixture origin = repository("blog-service", 1);
        chatTopics(false);
        mastodonAnswers();
        gitHubRepository("blog-service", origin.head("main"));
        imageBuild("blog-service", origin.head("main"), "completed", "success");
        pullRequestsWithReleaseNotes(
                "blog-service", List.<String[]>of(pr(2801, "Builds in Copr are 2x faster", "They really are.")));
        GH.blogRepository(BLOG);
        Map<String, Object> parameters = parameters(
                List.of("blog-service"), Map.of("mastodonChannel", "fosstodon", "blogRepository", "packit-blog"));

        Map<String, Object> done = http.awaitState(
                (String) http.start(TestTokens.CI, KIND, parameters).get("id"), WAIT, "SUCCEEDED", "FAILED");
        CHAT.resetScenarios();
        Map<String, Object> again = http.awaitState(
                (String) http.start(TestTokens.CI, KIND, parameters).get("id"), WAIT, "SUCCEEDED", "FAILED");

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        assertThat(again.get("state")).as(String.valueOf(again)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> steps = RunsHttp.steps(done);
        String title = outputs(steps, "blog-post").get("blogTitle");
        String slug = title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        String url = "https://github.com/packit/" + BLOG + "/pull/" + PackitGitHubScenario.BLOG_PULL_REQUEST;
        assertThat(steps.get("blog-pull-request")).containsEntry("state", "SUCCEEDED");
        assertThat(outputs(steps, "blog-pull-request")).containsEntry("blogPullRequest", url);
        Map<String, Map<String, Object>> againSteps = RunsHttp.steps(again);
        assertThat(againSteps.get("blog-pull-request")).containsEntry("state", "SKIPPED");
        assertThat(outputs(againSteps, "blog-pull-request")).containsEntry("blogPullRequest", url);
        // one branch, one file, one pull request on GitHub across both runs
        String api = "/repos/packit/" + BLOG;
        GITHUB.server()
                .verify(
                        1,
                        WireMock.postRequestedFor(urlPathEqualTo(api + "/git/refs"))
                                .withRequestBody(
                                        WireMock.matchingJsonPath("$.ref", equalTo("refs/heads/blog/" + slug))));
        var put = GITHUB.server().findAll(WireMock.putRequestedFor(urlMatching(api + "/contents/.+")));
        assertThat(put).hasSize(1);
        assertThat(put.get(0).getUrl()).contains("content/posts/").endsWith("-" + slug + ".md");
        assertThat(new String(
                        java.util.Base64.getDecoder().decode((String)
                                json(put.get(0).getBodyAsString()).get("content")),
                        java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("---\ntitle: \"" + title + "\"")
                .contains("They really are.");
        GITHUB.server()
                .verify(
                        1,
                        WireMock.postRequestedFor(urlPathEqualTo(api + "/pulls"))
                                .withRequestBody(WireMock.matchingJsonPath("$.head", equalTo("blog/" + slug)))
                                .withRequestBody(WireMock.matchingJsonPath("$.base", equalTo("main"))));
        // the thread links the pull request (no blogUrlTemplate given)
        assertThat(chatWrites())
                .anySatisfy(w -> assertThat(w).startsWith("mastodon: " + title).contains(url));
    }

    @Test
    void aDivergedStableFailsTheRunWithTopicsRestoredAndIsReplacedByMainOnlyWithForceAndAnApproval() {
        RepoFixture ogr = repository("ogr", 1);
        String hotfix = ogr.commit("stable", "Cherry-pick: fix the crash in production", "hotfix.py", "fix\n");
        chatTopics(false);
        gitHubRepository("ogr", ogr.head("main"));
        imageBuild("ogr", ogr.head("main"), "completed", "success");
        pullRequestsWithReleaseNotes("ogr", List.of());

        Map<String, Object> refused = http.awaitState(
                (String) http.start(TestTokens.CI, KIND, parameters(List.of("ogr"), Map.of()))
                        .get("id"),
                WAIT,
                "SUCCEEDED",
                "FAILED");

        assertThat(refused.get("state")).isEqualTo("FAILED");
        assertThat((String) refused.get("reason"))
                .contains("move-stable:ogr")
                .contains("not a fast-forward")
                .contains("drop 1 commit");
        assertThat(RunsHttp.steps(refused).get("wait-images:ogr")).containsEntry("state", "PENDING");
        assertThat(git(ogr.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(hotfix);
        assertThat(chatWrites())
                .containsExactly(
                        "slack topic: " + BANNER,
                        "matrix topic: " + BANNER,
                        "slack topic: " + SLACK_TOPIC,
                        "matrix topic: " + MATRIX_TOPIC);
        assertThat(GITHUB.server().findAll(getRequestedFor(urlPathEqualTo("/repos/packit/ogr/actions/runs"))))
                .isEmpty();

        // force is explicit and needs a release manager's approval; the old id of stable is reported
        CHAT.resetScenarios();
        CHAT.resetRequests();
        Map<String, Object> forced = http.start(TestTokens.CI, KIND, parameters(List.of("ogr"), Map.of("force", true)));
        String id = (String) forced.get("id");
        assertThat(forced).containsEntry("state", "AWAITING_APPROVAL").containsEntry("approvalsRequired", 1);
        assertThat(approve(id, TestTokens.CI).status()).isEqualTo(403);
        assertThat(git(ogr.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(hotfix);
        assertThat(approve(id, TestTokens.RELEASE_MANAGER_1).status()).isEqualTo(200);
        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        Map<String, Object> move = RunsHttp.steps(done).get("move-stable:ogr");
        assertThat((String) move.get("summary"))
                .contains(hotfix.substring(0, 7))
                .contains("forced");
        assertThat(outputs(RunsHttp.steps(done), "move-stable:ogr"))
                .containsEntry("old", hotfix)
                .containsEntry("new", ogr.head("main"))
                .containsEntry("how", "forced");
        assertThat(git(ogr.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(ogr.head("main"));
        assertThat(GitCli.isAncestor(ogr.dir(), hotfix, "stable")).isFalse();
        assertThat(chatWrites()).first().isEqualTo("slack topic: " + BANNER);
        assertThat(chatWrites()).last().isEqualTo("matrix topic: " + MATRIX_TOPIC);
    }

    @Test
    void aDryRunPlansTheTopicsThePushAndTheThreadAndWritesNothing() {
        RepoFixture dry = repository("dry-service", 1);
        Map<String, String> refsBefore = GitCli.refs(dry.dir());
        chatTopics(false);
        mastodonAnswers();
        gitHubRepository("dry-service", dry.head("stable"));
        imageBuild("dry-service", dry.head("stable"), "completed", "success");
        pullRequestsWithReleaseNotes(
                "dry-service",
                List.<String[]>of(pr(
                        3001, "Packit can now find a spec file inside a bottle of rum", "Very handy when thirsty.")));

        RunsHttp.Response started = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(Map.of(
                        "kind",
                        KIND,
                        "dryRun",
                        true,
                        "parameters",
                        parameters(List.of("dry-service"), Map.of("mastodonChannel", "fosstodon")))));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        Map<String, Object> done = http.awaitState((String) started.json().get("id"), WAIT, "SUCCEEDED", "FAILED");

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        assertThat(done).containsEntry("dryRun", true);
        Map<String, Map<String, Object>> steps = RunsHttp.steps(done);
        assertThat(planned(steps, "set-topic-packit-slack"))
                .singleElement()
                .asString()
                .contains(BANNER)
                .contains(SLACK_TOPIC);
        assertThat(planned(steps, "move-stable:dry-service"))
                .singleElement()
                .asString()
                .contains("would move stable " + dry.head("stable").substring(0, 7));
        assertThat(planned(steps, "push-stable:dry-service"))
                .singleElement()
                .asString()
                .isEqualTo("push refs/heads/stable to origin at " + dry.head("main"));
        assertThat(planned(steps, "mastodon-post")).isNotEmpty().allMatch(w -> w.contains("bottle of rum"));
        assertThat(planned(steps, "restore-topic-packit-matrix"))
                .singleElement()
                .asString()
                .contains(MATRIX_TOPIC);

        assertThat(chatWrites()).isEmpty();
        assertThat(GITHUB.server().getAllServeEvents())
                .allMatch(e -> e.getRequest().getMethod().getName().equals("GET"));
        assertThat(GitCli.refs(dry.dir())).isEqualTo(refsBefore);
    }

    @Test
    void aFailedImageBuildFailsTheRunAndTheTopicsAreRestored() {
        RepoFixture failing = repository("failing-service", 1);
        chatTopics(false);
        mastodonAnswers();
        gitHubRepository("failing-service", failing.head("main"));
        imageBuild("failing-service", failing.head("main"), "completed", "failure");

        Map<String, Object> done = http.awaitState(
                (String) http.start(
                                TestTokens.CI,
                                KIND,
                                parameters(List.of("failing-service"), Map.of("mastodonChannel", "fosstodon")))
                        .get("id"),
                WAIT,
                "SUCCEEDED",
                "FAILED");

        assertThat(done.get("state")).isEqualTo("FAILED");
        assertThat((String) done.get("reason"))
                .contains("wait-images:failing-service")
                .contains(WORKFLOW)
                .contains("failure");
        Map<String, Map<String, Object>> steps = RunsHttp.steps(done);
        assertThat(steps.get("blog-post")).containsEntry("state", "PENDING");
        assertThat(steps.get("restore-topic-packit-slack")).containsEntry("state", "SUCCEEDED");
        assertThat(steps.get("restore-topic-packit-matrix")).containsEntry("state", "SUCCEEDED");
        assertThat(chatWrites())
                .containsExactly(
                        "slack topic: " + BANNER,
                        "matrix topic: " + BANNER,
                        "slack topic: " + SLACK_TOPIC,
                        "matrix topic: " + MATRIX_TOPIC);
    }

    @Test
    void gitHubAnswering5xxOpensItsBreakerWhileTheRunIsPlannedAndTheRunIsNoGoBeforeAnyWrite() {
        RepoFixture broken = repository("broken-service", 1);
        String stableBefore = git(broken.dir(), "rev-parse", "refs/heads/stable");
        chatTopics(false);
        GITHUB.server()
                .stubFor(WireMock.get(urlMatching("/repos/packit/broken-service.*"))
                        .willReturn(github(502)
                                .withBody("{\"message\": \"Server Error\", \"documentation_url\":"
                                        + " \"https://docs.github.com/rest\"}")));

        Map<String, Object> done = http.awaitState(
                (String) http.start(TestTokens.CI, KIND, parameters(List.of("broken-service"), Map.of()))
                        .get("id"),
                WAIT,
                "SUCCEEDED",
                "FAILED");

        // the plan (a dry run of every step before the run is stored) already reads GitHub: its 5xx open the
        // breaker, and the preflight before the first write says NO-GO: no topic set, stable not moved
        assertThat(done.get("state")).isEqualTo("FAILED");
        assertThat((String) done.get("reason")).contains("NO-GO").contains("github");
        assertThat(git(broken.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(stableBefore);
        assertThat(chatWrites()).isEmpty();
        assertThat(http.get("/api/v1/services", TestTokens.READER).jsonList())
                .filteredOn(s -> "github".equals(s.get("service")))
                .singleElement()
                .satisfies(s -> assertThat(s.get("state")).isEqualTo("OPEN"));
        // while GitHub is down the next deployment is a NO_GO: waiting for the images needs it
        Map<String, Object> preflight = http.post(
                        "/api/v1/run-kinds/" + KIND + "/preflight",
                        TestTokens.CI,
                        RunsHttp.json(Map.of("parameters", parameters(List.of("broken-service"), Map.of()))))
                .json();
        assertThat(preflight).containsEntry("verdict", "NO_GO");
    }

    @Test
    void chatOutagesDeferTheTopicStepsTheDeploymentGoesOnAndTheMatrixRestoreIsReplayedOnce() {
        RepoFixture drill = repository("drill", 1);
        chatTopics(true); // Slack answers 503 throughout; Matrix goes down right after the banner is set
        gitHubRepository("drill", drill.head("main"));
        imageBuild("drill", drill.head("main"), "completed", "success");
        pullRequestsWithReleaseNotes("drill", List.of());

        String id = (String) http.start(TestTokens.CI, KIND, parameters(List.of("drill"), Map.of()))
                .get("id");
        Map<String, Object> degraded = http.awaitState(id, WAIT, "SUCCEEDED_DEGRADED", "SUCCEEDED", "FAILED");

        assertThat(degraded.get("state")).as(String.valueOf(degraded)).isEqualTo("SUCCEEDED_DEGRADED");
        Map<String, Map<String, Object>> steps = RunsHttp.steps(degraded);
        // deferred; the replayer may be trying it again (RUNNING) while Matrix is still down
        assertThat(steps.get("restore-topic-packit-matrix").get("state")).isIn("DEFERRED", "RUNNING");
        assertThat((String) steps.get("restore-topic-packit-matrix").get("summary"))
                .startsWith("deferred: matrix get topic")
                .contains("502");
        assertThat(steps.get("push-stable:drill")).containsEntry("state", "SUCCEEDED");
        assertThat(steps.get("wait-images:drill")).containsEntry("state", "SUCCEEDED");
        assertThat(git(drill.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(drill.head("main"));

        // Matrix is back: the deferred restore is replayed, and puts the old topic back exactly once
        CHAT.setScenarioState("matrix", "banner");
        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> after = RunsHttp.steps(done);
        assertThat(after.get("restore-topic-packit-matrix")).containsEntry("state", "SUCCEEDED");
        assertThat((Integer) after.get("restore-topic-packit-matrix").get("attempts"))
                .isGreaterThan(1);
        // a topic set late would announce a deployment that is over: the deferred Slack banner is skipped
        assertThat(after.get("set-topic-packit-slack")).containsEntry("state", "SKIPPED");
        assertThat(after.get("restore-topic-packit-slack")).containsEntry("state", "SKIPPED");
        assertThat(chatWrites()).containsExactly("matrix topic: " + BANNER, "matrix topic: " + MATRIX_TOPIC);
    }

    @Test
    void forceWithoutMoveStableAndAnUnknownRepositoryAreRefusedBeforeAnythingRuns() {
        Map<String, Object> force = parameters(List.of("packit"), Map.of("force", true));
        force.remove("moveStable");
        RunsHttp.Response refused =
                http.post("/api/v1/runs", TestTokens.CI, RunsHttp.json(Map.of("kind", KIND, "parameters", force)));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").toString()).contains("'force'").contains("'moveStable'");

        Map<String, Object> unknown = parameters(List.of("packit"), Map.of("moveStable", List.of("no-such-repo")));
        RunsHttp.Response missing =
                http.post("/api/v1/runs", TestTokens.CI, RunsHttp.json(Map.of("kind", KIND, "parameters", unknown)));

        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(missing.json().get("detail").toString()).contains("no-such-repo");
        assertThat(chatWrites()).isEmpty();
    }

    @Test
    void checksStagingFirstWaitsForProductionToReportThePushedCommitAndOnlyThenRestoresTheTopics() {
        RepoFixture service = repository("verified-service", 1);
        String old = service.head("stable");
        String main = service.head("main");
        chatTopics(false);
        gitHubRepository("verified-service", main);
        gitHubMain("verified-service", main);
        imageBuild("verified-service", main, "completed", "success");
        pullRequestsWithReleaseNotes("verified-service", List.of());
        STATUS.stubFor(WireMock.get("/stg/api/system").willReturn(WireMock.okJson(system(main))));
        // production: last week's commit, then restarting (503), then slow, then the commit pushed
        String s = "rollout";
        STATUS.stubFor(WireMock.get("/api/system")
                .inScenario(s)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(WireMock.okJson(system(old)))
                .willSetStateTo("restarting"));
        STATUS.stubFor(WireMock.get("/api/system")
                .inScenario(s)
                .whenScenarioStateIs("restarting")
                .willReturn(WireMock.aResponse().withStatus(503))
                .willSetStateTo("slow"));
        STATUS.stubFor(WireMock.get("/api/system")
                .inScenario(s)
                .whenScenarioStateIs("slow")
                .willReturn(WireMock.okJson(system(old)).withFixedDelay(500))
                .willSetStateTo("new"));
        STATUS.stubFor(WireMock.get("/api/system")
                .inScenario(s)
                .whenScenarioStateIs("new")
                .willReturn(WireMock.okJson(system(main))));

        Map<String, Object> done = deployToTheEnd(verified("verified-service", 20));

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> steps = RunsHttp.steps(done);
        assertThat(List.copyOf(steps.keySet()))
                .containsSubsequence(
                        "check-staging",
                        "set-topic-packit-slack",
                        "push-stable:verified-service",
                        "wait-images:verified-service",
                        "verify-production",
                        "blog-post",
                        "restore-topic-packit-slack");
        assertThat(outputs(steps, "check-staging")).containsEntry("deployment.packit-stg.verified-service", main);
        assertThat(outputs(steps, "verify-production")).containsEntry("deployment.packit-prod.verified-service", main);
        assertThat(STATUS.findAll(getRequestedFor(urlEqualTo("/api/system")))).hasSize(4);
        assertThat(git(service.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(main);
        assertThat(chatWrites())
                .containsExactly(
                        "slack topic: " + BANNER,
                        "matrix topic: " + BANNER,
                        "slack topic: " + SLACK_TOPIC,
                        "matrix topic: " + MATRIX_TOPIC);
    }

    @Test
    void aProductionThatNeverReportsThePushedCommitKeepsTheNoticeAndPostsWhatFailed() {
        RepoFixture service = repository("unverified-service", 1);
        String old = service.head("stable");
        String main = service.head("main");
        chatTopics(false);
        CHAT.stubFor(WireMock.post("/slack/api/chat.postMessage")
                .willReturn(WireMock.okJson("{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1763965000.000200\","
                        + "\"message\":{\"type\":\"message\",\"text\":\"x\",\"ts\":\"1763965000.000200\"}}")));
        CHAT.stubFor(WireMock.get(urlPathEqualTo("/slack/api/conversations.history"))
                .willReturn(WireMock.okJson("{\"ok\":true,\"messages\":[],\"has_more\":false}")));
        CHAT.stubFor(WireMock.put(urlMatching("/_matrix/client/v3/rooms/.*/send/m.room.message/.*"))
                .willReturn(WireMock.okJson("{\"event_id\":\"$failure-notice\"}")));
        gitHubRepository("unverified-service", main);
        gitHubMain("unverified-service", main);
        imageBuild("unverified-service", main, "completed", "success");
        pullRequestsWithReleaseNotes("unverified-service", List.of());
        STATUS.stubFor(WireMock.get("/stg/api/system").willReturn(WireMock.okJson(system(main))));
        STATUS.stubFor(WireMock.get("/api/system").willReturn(WireMock.okJson(system(old))));

        Map<String, Object> done = deployToTheEnd(verified("unverified-service", 3));

        assertThat(done.get("state")).isEqualTo("FAILED");
        assertThat(String.valueOf(done.get("reason")))
                .contains("verify-production")
                .contains("unverified-service: " + old + " (expected " + main + ")");
        // stable was pushed: production is mid-deployment, so the notice stays and the channels are told why
        assertThat(git(service.dir(), "rev-parse", "refs/heads/stable")).isEqualTo(main);
        List<String> writes = chatWrites();
        assertThat(writes).startsWith("slack topic: " + BANNER, "matrix topic: " + BANNER);
        assertThat(writes).noneMatch(w -> w.contains(SLACK_TOPIC) || w.contains(MATRIX_TOPIC));
        List<String> notices = new ArrayList<>();
        CHAT.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                        urlEqualTo("/slack/api/chat.postMessage")))
                .forEach(r -> notices.add((String) json(r.getBodyAsString()).get("text")));
        CHAT.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
                        urlMatching("/_matrix/client/v3/rooms/.*/send/m.room.message/.*")))
                .forEach(r -> notices.add((String) json(r.getBodyAsString()).get("body")));
        assertThat(notices).hasSize(2).allSatisfy(n -> assertThat(n)
                .contains("notice stays up")
                .contains("verify-production")
                .contains("expected " + main));
        Map<String, Map<String, Object>> steps = RunsHttp.steps(done);
        assertThat(steps.get("restore-topic-packit-slack")).containsEntry("state", "SKIPPED");
        assertThat(steps.get("blog-post")).containsEntry("state", "PENDING");
    }

    @Test
    void anUnhealthyStagingStopsTheRunBeforeAnyTopicOrPush() {
        RepoFixture service = GIT.createRepository("staging-check.git");
        chatTopics(false);
        STATUS.stubFor(
                WireMock.get("/stg/api/system").willReturn(WireMock.aResponse().withStatus(502)));
        Map<String, Object> p = verified("verified-service", 3);
        p.put("stagingRunsMain", false);

        Map<String, Object> done = deployToTheEnd(p);

        assertThat(done.get("state")).isEqualTo("FAILED");
        assertThat(String.valueOf(done.get("reason"))).contains("check-staging").contains("HTTP 502");
        assertThat(chatWrites()).isEmpty();
        assertThat(STATUS.findAll(getRequestedFor(urlEqualTo("/api/system")))).isEmpty();
        service.close();
    }

    /** Starts a deployment as CI and waits until it succeeded or failed. */
    Map<String, Object> deployToTheEnd(Map<String, Object> parameters) {
        return http.awaitState(
                (String) http.start(TestTokens.CI, KIND, parameters).get("id"), WAIT, "SUCCEEDED", "FAILED");
    }

    static Map<String, Object> verified(String repo, int verifyTimeoutSeconds) {
        Map<String, Object> p = parameters(List.of(repo), Map.of());
        p.put("staging", "packit-stg");
        p.put("production", "packit-prod");
        p.put("verifyIntervalSeconds", 1);
        p.put("verifyTimeoutSeconds", verifyTimeoutSeconds);
        return p;
    }

    /** {@code /api/system} as Packit's: both services report {@code commit}. */
    static String system(String commit) {
        return "{\"verified_service\":{\"commit\":\"" + commit + "\",\"version\":\"0.104.0\"},"
                + "\"unverified_service\":{\"commit\":\"" + commit + "\",\"version\":\"0.104.0\"}}";
    }

    /** GitHub answers {@code sha} for {@code main} (the staging check asks what main is). */
    static void gitHubMain(String name, String sha) {
        GH.main(name, sha);
    }

    // --- fixtures ---------------------------------------------------------------------------------------------------

    /** A bare repository on the git server whose {@code stable} is {@code behind} commits behind {@code main}. */
    static RepoFixture repository(String name, int behind) {
        RepoFixture origin = GIT.createRepository(name + ".git");
        String deployed = origin.commit("main", "Deployed last Monday", "packit/__init__.py", "v1\n");
        origin.branch("stable", deployed);
        for (int i = 1; i <= behind; i++) {
            origin.commit("main", "Merge pull request #" + (2700 + i), "packit/change" + i + ".py", "v" + i + "\n");
        }
        return origin;
    }

    static Map<String, Object> parameters(List<String> repos, Map<String, Object> extra) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("topic", BANNER);
        p.put("topicChannels", List.of("packit-slack", "packit-matrix"));
        p.put("repositories", repos);
        p.put("moveStable", repos);
        p.put("required", List.of(WORKFLOW));
        p.put("intervalSeconds", 5);
        p.put("timeoutSeconds", 60);
        p.putAll(extra);
        return p;
    }

    RunsHttp.Response approve(String id, String token) {
        return http.post("/api/v1/runs/" + id + "/approvals", token, "{}");
    }

    static void chatTopics(boolean outage) {
        CHATS.topics(outage);
    }

    static String tootId(int n) {
        return PackitChatScenario.tootId(n);
    }

    static void mastodonAnswers() {
        CHATS.mastodonAnswers();
    }

    static void gitHubRepository(String name, String sha) {
        GH.repository(name, sha);
    }

    static void gitHubRepository(String name, String sha, String stableSha) {
        GH.repository(name, sha, stableSha);
    }

    static void imageBuild(String name, String sha, String status, String conclusion) {
        GH.imageBuild(name, sha, status, conclusion);
    }

    static void imageBuildQueuedThenPassed(String name, String sha) {
        GH.imageBuildQueuedThenPassed(name, sha);
    }

    static String[] pr(int number, String title, String body) {
        return PackitGitHubScenario.pr(number, title, body);
    }

    static void pullRequestsWithReleaseNotes(String name, List<String[]> prs) {
        GH.pullRequestsWithReleaseNotes(name, prs);
    }

    /** The writes that reached Slack, Matrix and Mastodon, oldest first. */
    static List<String> chatWrites() {
        List<ServeEvent> events = new ArrayList<>(CHAT.getAllServeEvents());
        java.util.Collections.reverse(events); // WireMock lists the newest first; ties keep the order of arrival
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        List<String> out = new ArrayList<>();
        for (ServeEvent e : events) {
            var r = e.getRequest();
            boolean ok = e.getResponse().getStatus() / 100 == 2;
            if (!ok || r.getMethod().getName().equals("GET")) {
                continue;
            }
            Map<String, Object> body = json(r.getBodyAsString());
            if (r.getUrl().equals(SET_TOPIC)) {
                out.add("slack topic: " + body.get("topic"));
            } else if (r.getUrl().equals(ROOM_TOPIC)) {
                out.add("matrix topic: " + body.get("topic"));
            } else if (r.getUrl().equals(STATUSES)) {
                out.add("mastodon: " + body.get("status"));
            } else {
                out.add(r.getMethod() + " " + r.getUrl());
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> outputs(Map<String, Map<String, Object>> steps, String step) {
        return (Map<String, String>) steps.get(step).get("outputs");
    }

    @SuppressWarnings("unchecked")
    static List<String> planned(Map<String, Map<String, Object>> steps, String step) {
        return (List<String>) steps.get(step).get("planned");
    }

    static Map<String, Object> json(String body) {
        return RunsHttp.parse(body);
    }
}
