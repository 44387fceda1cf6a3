package io.releasekit.api.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.releasekit.git.testkit.GitCli.git;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static io.releasekit.github.FakeGitHub.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import io.releasekit.git.testkit.GitCli;
import io.releasekit.git.testkit.GitHttpServer;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.github.FakeGitHub;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Seed 002 (the weekly release train) end to end over REST: {@code train.release} for the merge commit on {@code
 * main} of a real repository behind a real git server, GitHub played by WireMock ({@link FakeGitHub}, driven by the
 * real hub4j adapter) and Slack played by WireMock (driven by the real Slack Web API notifier). Checked on the servers:
 * the release POSTed at the merge commit with the next number, notes written and published, the Slack post carrying
 * the tag, {@code development} and {@code security/hotfix} brought up to {@code main} on the bare repository.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainReleaseApiE2ETest implements TestPropertyProvider {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String RELEASES = PATH + "/releases";
    static final String SLACK_POST = "/api/chat.postMessage";
    static final String SLACK_HISTORY = "/api/conversations.history";
    static final String SLACK_TOKEN = "xoxb-train-SeCrEt-0123456789";
    static final String CHANNEL = "C0TRAIN0001";
    static final long DRAFT_ID = 105;

    final FakeGitHub github = new FakeGitHub();
    final WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort());
    final Path root;
    final GitHttpServer gitServer;
    /** One repository per test, so that each test starts from the seed's state. */
    final Map<String, Repo> repos = new HashMap<>();

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    /** A test's repository: the bare one on the server and the commits of the seed's history. */
    record Repo(RepoFixture bare, String base, String feature, String merge, String hotfix) {
        Path dir() {
            return bare.gitDir();
        }
    }

    TrainReleaseApiE2ETest() throws Exception {
        slack.start();
        root = Files.createTempDirectory("releasekit-train-e2e");
        gitServer = GitHttpServer.start(Files.createDirectories(root.resolve("server")));
        for (String name : List.of("operators", "operators-outage")) {
            repos.put(name, seedHistory(gitServer.createRepository(name + ".git")));
        }
    }

    /** main / development / security-hotfix as seed 002 describes, development just merged into main. */
    static Repo seedHistory(RepoFixture bare) {
        String base = bare.commit("main", "Operators 1.4.0", "app.py", "workers = 10\n", "requirements.txt", "x==1\n");
        bare.branch("development", base);
        bare.branch("security/hotfix", base);
        String feature = bare.commit("development", "Scale the operators to 10k jobs", "app.py", "workers = 100\n");
        String merge =
                bare.merge("main", "development", "Merge pull request #12 from example/development\n\nWeekly release");
        String hotfix = bare.commit("security/hotfix", "Pin urllib3 (CVE-2026-0001)", "pins.txt", "urllib3==2.6\n");
        return new Repo(bare, base, feature, merge, hotfix);
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        for (String name : repos.keySet()) {
            String k = "releasekit.repositories." + name + ".";
            p.put(k + "path", root.resolve("work-" + name).toString());
            p.put(k + "remote-url", gitServer.url(name + ".git"));
            p.put(k + "author-name", RepoFixture.RELEASER.name());
            p.put(k + "author-email", RepoFixture.RELEASER.email());
            String g = "releasekit.github.repositories." + name + ".";
            p.put(g + "owner", FakeGitHub.OWNER);
            p.put(g + "repo", FakeGitHub.REPO);
            p.put(g + "tag-prefix", "v");
        }
        p.put("releasekit.github.endpoint", github.base());
        p.put("releasekit.github.token", "ghp_train_never_shown");
        p.put("releasekit.channels.slack.type", "slack");
        p.put("releasekit.channels.slack.base-url", slack.baseUrl() + "/api");
        p.put("releasekit.channels.slack.token", SLACK_TOKEN);
        p.put("releasekit.channels.slack.channel-id", CHANNEL);
        p.put("releasekit.services.slack.max-attempts", "1");
        p.put("releasekit.services.slack.timeout", "3s");
        // one failed call opens Slack's breaker, and it stays open until an admin resets it
        p.put("releasekit.services.slack.minimum-number-of-calls", "1");
        p.put("releasekit.services.slack.sliding-window-size", "1");
        p.put("releasekit.services.slack.wait-in-open-state", "10m");
        p.put("releasekit.services.github.max-attempts", "1");
        p.put("releasekit.runs.replay-interval", "200ms");
        p.put("releasekit.data-dir", root.resolve("data").toString());
        return p;
    }

    @AfterAll
    void stop() throws Exception {
        github.close();
        slack.stop();
        gitServer.close();
        for (Repo r : repos.values()) {
            r.bare().close();
        }
    }

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
        github.server().resetAll();
        slack.resetAll();
        http.post("/api/v1/services/slack/reset", TestTokens.ADMIN, "");
        http.post("/api/v1/services/github/reset", TestTokens.ADMIN, "");
    }

    @Test
    void releasesTheMergeCommitAnnouncesTheTagAndSyncsDevelopmentAndHotfixThenARerunChangesNothing() throws Exception {
        Repo repo = repos.get("operators");
        gitHubBeforeTheRelease(repo);
        slackUp();
        Map<String, String> refsBefore = GitCli.refs(repo.dir());

        // a dry run: plans every write, makes none
        Map<String, Object> dry = awaitEnd(startDry(train("operators", repo.merge())));
        assertThat(dry.get("state")).as(String.valueOf(dry)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> drySteps = RunsHttp.steps(dry);
        assertThat(planned(drySteps.get("create-release")))
                .singleElement()
                .asString()
                .contains("v1.4.1")
                .contains(repo.merge());
        assertThat(planned(drySteps.get("announce:slack")))
                .singleElement()
                .asString()
                .contains("Released v1.4.1 to production");
        assertThat(planned(drySteps.get("push-branches")))
                .anySatisfy(w -> assertThat(w).contains("refs/heads/development"))
                .anySatisfy(w -> assertThat(w).contains("refs/heads/security/hotfix"));
        assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RELEASES))))
                .isEmpty();
        assertThat(github.server().findAll(patchRequestedFor(urlPathMatching(RELEASES + "/.*"))))
                .isEmpty();
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SLACK_POST)))).isEmpty();
        assertThat(GitCli.refs(repo.dir())).isEqualTo(refsBefore);

        // the release
        Map<String, Object> done =
                awaitEnd(http.start(TestTokens.CI, "train.release", train("operators", repo.merge())));

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> steps = RunsHttp.steps(done);
        assertThat(steps.keySet())
                .containsExactly(
                        "find-release",
                        "plan-release",
                        "create-release",
                        "release-notes",
                        "announce:slack",
                        "fetch",
                        "sync",
                        "push-branches");
        assertThat(steps.get("plan-release").get("outputs"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("tag", "v1.4.1")
                .containsEntry("previousTag", "v1.4.0")
                .containsEntry("targetSha", repo.merge());
        // GitHub: the release created at the merge commit with the next number, then the notes written and published
        assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RELEASES))))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer ghp_train_never_shown");
                    Map<String, Object> body = RunsHttp.parse(r.getBodyAsString());
                    assertThat(body)
                            .containsEntry("tag_name", "v1.4.1")
                            .containsEntry("target_commitish", repo.merge())
                            .containsEntry("draft", true);
                });
        LoggedRequest edit = github.server()
                .findAll(patchRequestedFor(urlPathEqualTo(RELEASES + "/" + DRAFT_ID)))
                .get(0);
        Map<String, Object> editBody = RunsHttp.parse(edit.getBodyAsString());
        assertThat(editBody).containsEntry("draft", false);
        assertThat((String) editBody.get("body"))
                .contains("Operators scale to 10k jobs.")
                .contains("v1.4.0...v1.4.1");
        // Slack: one post, with the tag, keyed for exactly-once delivery
        List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlPathEqualTo(SLACK_POST)));
        assertThat(posts).hasSize(1);
        Map<String, Object> post = RunsHttp.parse(posts.get(0).getBodyAsString());
        assertThat(post).containsEntry("channel", CHANNEL).containsEntry("text", "Released v1.4.1 to production");
        assertThat(posts.get(0).getHeader("Authorization")).isEqualTo("Bearer " + SLACK_TOKEN);
        // git: development and security/hotfix contain main; development was fast-forwarded, hotfix kept its pin
        assertSynced(repo);
        assertThat(git(repo.dir(), "rev-parse", "refs/heads/development")).isEqualTo(repo.merge());
        assertThat(git(repo.dir(), "show", "refs/heads/security/hotfix:pins.txt"))
                .isEqualTo("urllib3==2.6");
        assertThat(git(repo.dir(), "rev-parse", "refs/heads/main")).isEqualTo(repo.merge());

        // GitHub now shows the release as published with the notes it was sent; Slack shows the post
        gitHubAfterTheRelease(repo, (String) editBody.get("body"));
        slackHas(post);
        Map<String, String> refsAfter = GitCli.refs(repo.dir());

        // a second run for the same merge commit: no new release, no second message, refs unchanged
        Map<String, Object> again =
                awaitEnd(http.start(TestTokens.CI, "train.release", train("operators", repo.merge())));

        assertThat(again.get("state")).as(String.valueOf(again)).isEqualTo("SUCCEEDED");
        Map<String, Map<String, Object>> againSteps = RunsHttp.steps(again);
        assertThat(againSteps.get("plan-release").get("outputs"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("tag", "v1.4.1");
        for (String step : List.of("create-release", "release-notes", "announce:slack", "sync", "push-branches")) {
            assertThat(againSteps.get(step)).as(step).containsEntry("state", "SKIPPED");
        }
        assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RELEASES))))
                .hasSize(1);
        assertThat(github.server().findAll(patchRequestedFor(urlPathMatching(RELEASES + "/.*"))))
                .hasSize(1);
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SLACK_POST)))).hasSize(1);
        assertThat(GitCli.refs(repo.dir())).isEqualTo(refsAfter);
    }

    @Test
    void slackAnswering503DefersTheNoticeWhileTheReleaseAndSyncHappenAndTheResetPostsItOnce() throws Exception {
        Repo repo = repos.get("operators-outage");
        gitHubBeforeTheRelease(repo);
        slack.stubFor(WireMock.get(urlPathEqualTo(SLACK_HISTORY))
                .willReturn(aResponse().withStatus(503).withBody("<html>503 Service Unavailable</html>")));
        slack.stubFor(post(urlPathEqualTo(SLACK_POST))
                .willReturn(aResponse().withStatus(503).withBody("<html>503 Service Unavailable</html>")));

        String id = (String) http.start(TestTokens.CI, "train.release", train("operators-outage", repo.merge()))
                .get("id");
        Map<String, Object> degraded = http.awaitState(id, WAIT, "SUCCEEDED_DEGRADED", "SUCCEEDED", "FAILED");

        // the release and the sync happened; only the notice waits
        assertThat(degraded.get("state")).as(String.valueOf(degraded)).isEqualTo("SUCCEEDED_DEGRADED");
        Map<String, Map<String, Object>> steps = RunsHttp.steps(degraded);
        assertThat(steps.get("announce:slack")).containsEntry("state", "DEFERRED");
        assertThat(steps.get("release-notes")).containsEntry("state", "SUCCEEDED");
        assertThat(steps.get("push-branches")).containsEntry("state", "SUCCEEDED");
        assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RELEASES))))
                .hasSize(1);
        assertSynced(repo);
        assertThat(http.get("/api/v1/services", TestTokens.READER).jsonList())
                .filteredOn(s -> "slack".equals(s.get("service")))
                .singleElement()
                .satisfies(s -> assertThat(s).containsEntry("state", "OPEN"));
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SLACK_POST)))).isEmpty();
        // while Slack's breaker is open, the next train would go ahead, with only the notice deferred
        Map<String, Object> preflight = http.post(
                        "/api/v1/run-kinds/train.release/preflight",
                        TestTokens.CI,
                        RunsHttp.json(Map.of("parameters", train("operators-outage", repo.merge()))))
                .json();
        assertThat(preflight).containsEntry("verdict", "GO_DEGRADED");
        assertThat(preflight.get("deferredSteps")).isEqualTo(List.of("announce:slack"));

        // Slack is back; an admin closes the breaker and the deferred notice is replayed once
        slack.resetAll();
        slackUp();
        assertThat(http.post("/api/v1/services/slack/reset", TestTokens.ADMIN, "")
                        .status())
                .isEqualTo(200);

        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");
        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        assertThat(RunsHttp.steps(done).get("announce:slack")).containsEntry("state", "SUCCEEDED");
        List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlPathEqualTo(SLACK_POST)));
        assertThat(posts).hasSize(1);
        assertThat(RunsHttp.parse(posts.get(0).getBodyAsString()))
                .containsEntry("text", "Released v1.4.1 to production");
        assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RELEASES))))
                .hasSize(1);
        // the run's events tell the story: deferred while Slack was down, finished on the replay
        List<String> announce = SseReader.open(
                        server.getURI().resolve("/api/v1/runs/" + id + "/events"), TestTokens.READER, null)
                .awaitEnd(WAIT)
                .stream()
                .filter(e -> "announce:slack".equals(e.data().get("step")))
                .map(SseReader.SseEvent::event)
                .toList();
        assertThat(announce).containsSubsequence("STEP_STARTED", "STEP_DEFERRED", "STEP_STARTED", "STEP_FINISHED");
        assertThat(announce.stream().filter("STEP_FINISHED"::equals)).hasSize(1);
    }

    // --- the run ---

    static Map<String, Object> train(String repository, String merge) {
        return Map.of("repository", repository, "target", merge, "channels", List.of("slack"));
    }

    Map<String, Object> startDry(Map<String, Object> parameters) {
        RunsHttp.Response r = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(Map.of("kind", "train.release", "parameters", parameters, "dryRun", true)));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.header("Location")).isNotBlank();
        return r.json();
    }

    Map<String, Object> awaitEnd(Map<String, Object> run) {
        return http.awaitState((String) run.get("id"), WAIT, "SUCCEEDED", "SUCCEEDED_DEGRADED", "FAILED", "CANCELLED");
    }

    @SuppressWarnings("unchecked")
    static List<String> planned(Map<String, Object> step) {
        return (List<String>) step.get("planned");
    }

    static void assertSynced(Repo repo) {
        String main = git(repo.dir(), "rev-parse", "refs/heads/main");
        for (String branch : List.of("development", "security/hotfix")) {
            assertThat(GitCli.isAncestor(repo.dir(), main, "refs/heads/" + branch))
                    .as(branch + " contains main")
                    .isTrue();
        }
        assertThat(GitCli.isAncestor(repo.dir(), repo.hotfix(), "refs/heads/security/hotfix"))
                .as("the hotfix branch keeps its own commit")
                .isTrue();
    }

    // --- GitHub: the repository as it is before the release, as the run changes it, and after ---

    void gitHubBeforeTheRelease(Repo repo) {
        var gh = github.server();
        github.withRepository();
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/commits/" + repo.merge()))
                .withHeader("Accept", equalTo("application/vnd.github.sha"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/vnd.github.sha")
                        .withBody(repo.merge())));
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/tags"))
                .willReturn(github(200).withBody(tags(repo, "v1.4.0"))));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/tags/v1.4.0"))
                .willReturn(github(200).withBody(v140(repo))));
        // GitHub's release-by-tag does not show drafts: v1.4.1 is 404 until published
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/tags/v1.4.1"))
                .willReturn(github(404).withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES))
                .inScenario("release")
                .whenScenarioStateIs(STARTED)
                .willReturn(github(200).withBody(array(List.of(v140(repo))))));
        gh.stubFor(post(urlPathEqualTo(RELEASES))
                .inScenario("release")
                .whenScenarioStateIs(STARTED)
                .willSetStateTo("draft")
                .willReturn(github(201).withBody(draft(repo))));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES))
                .inScenario("release")
                .whenScenarioStateIs("draft")
                .willReturn(github(200).withBody(array(List.of(draft(repo), v140(repo))))));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/" + DRAFT_ID))
                .inScenario("release")
                .whenScenarioStateIs("draft")
                .willReturn(github(200).withBody(draft(repo))));
        gh.stubFor(patch(urlPathEqualTo(RELEASES + "/" + DRAFT_ID))
                .inScenario("release")
                .whenScenarioStateIs("draft")
                .willSetStateTo("published")
                .willReturn(github(200).withBody(github.release(DRAFT_ID, "v1.4.1", false, "", repo.merge()))));
        // the notes: the pull requests merged between v1.4.0 and the merge commit
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/compare/v1.4.0..." + repo.merge()))
                .willReturn(github(200).withBody(compare(repo))));
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
    void gitHubAfterTheRelease(Repo repo, String notes) {
        var gh = github.server();
        String published = github.release(DRAFT_ID, "v1.4.1", false, notes, repo.merge());
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES))
                .atPriority(1)
                .willReturn(github(200).withBody(array(List.of(published, v140(repo))))));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/tags/v1.4.1"))
                .atPriority(1)
                .willReturn(github(200).withBody(published)));
        gh.stubFor(WireMock.get(urlPathEqualTo(RELEASES + "/" + DRAFT_ID))
                .atPriority(1)
                .willReturn(github(200).withBody(published)));
        gh.stubFor(WireMock.get(urlPathEqualTo(PATH + "/tags"))
                .atPriority(1)
                .willReturn(github(200).withBody(tags(repo, "v1.4.1", "v1.4.0"))));
    }

    String v140(Repo repo) {
        return github.release(104, "v1.4.0", false, "First weekly release.", repo.base());
    }

    String draft(Repo repo) {
        return github.release(DRAFT_ID, "v1.4.1", true, "", repo.merge());
    }

    static String tags(Repo repo, String... names) {
        StringBuilder b = new StringBuilder("[");
        for (String n : names) {
            String sha = n.equals("v1.4.0") ? repo.base() : repo.merge();
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

    String compare(Repo repo) {
        return "{\"url\": \"" + github.base() + PATH + "/compare/v1.4.0..." + repo.merge() + "\","
                + " \"html_url\": \"https://github.com/x/y/compare/v1.4.0..." + repo.merge() + "\","
                + " \"base_commit\": " + commit(repo.base(), "Operators 1.4.0") + ","
                + " \"merge_base_commit\": " + commit(repo.base(), "Operators 1.4.0") + ","
                + " \"status\": \"ahead\", \"ahead_by\": 2, \"behind_by\": 0, \"total_commits\": 2,"
                + " \"commits\": "
                + array(List.of(
                        commit(repo.feature(), "Scale the operators to 10k jobs"),
                        commit(repo.merge(), "Merge pull request #12 from example/development\n\nWeekly release")))
                + ", \"files\": []}";
    }

    String commit(String sha, String message) {
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

    // --- Slack ---

    void slackUp() {
        slack.stubFor(WireMock.get(urlPathEqualTo(SLACK_HISTORY))
                .withQueryParam("channel", equalTo(CHANNEL))
                .willReturn(okJson("{\"ok\":true,\"messages\":[{\"type\":\"message\",\"user\":\"U012AB3CDE\","
                        + "\"text\":\"good morning\",\"ts\":\"1763960000.000100\"}],\"has_more\":false}")));
        slack.stubFor(post(urlPathEqualTo(SLACK_POST))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"1763965000.000200\","
                        + "\"message\":{\"type\":\"message\",\"subtype\":\"bot_message\",\"bot_id\":\"B0TRAIN\","
                        + "\"text\":\"Released v1.4.1 to production\",\"ts\":\"1763965000.000200\"}}")));
    }

    /** The channel's history now holds the post, with the metadata it was sent with. */
    void slackHas(Map<String, Object> post) {
        slack.stubFor(WireMock.get(urlPathEqualTo(SLACK_HISTORY))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":true,\"messages\":[{\"type\":\"message\",\"subtype\":\"bot_message\","
                        + "\"bot_id\":\"B0TRAIN\",\"text\":" + quote((String) post.get("text"))
                        + ",\"ts\":\"1763965000.000200\",\"metadata\":" + RunsHttp.json(post.get("metadata"))
                        + "}],\"has_more\":false}")));
    }
}
