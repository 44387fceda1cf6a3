package io.releasekit.api.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.releasekit.git.testkit.GitCli.git;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.github;
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
import io.releasekit.git.testkit.TrainHistory;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.GitHubWebhookSignature;
import io.releasekit.github.TrainReleaseScenario;
import io.releasekit.notify.SlackScenario;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    static final String CHANNEL = SlackScenario.CHANNEL;
    static final long DRAFT_ID = TrainReleaseScenario.DRAFT_ID;
    static final String WEBHOOK_SECRET = "train-webhook-SeCrEt";

    final FakeGitHub github = new FakeGitHub();
    final WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort());
    final SlackScenario slackScenario = new SlackScenario(slack, CHANNEL);
    final Path root;
    final GitHttpServer gitServer;
    /** One repository per test, so that each test starts from the seed's state. */
    final Map<String, TrainHistory> repos = new HashMap<>();

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    TrainReleaseApiE2ETest() throws Exception {
        slack.start();
        root = Files.createTempDirectory("releasekit-train-e2e");
        gitServer = GitHttpServer.start(Files.createDirectories(root.resolve("server")));
        for (String name :
                List.of("operators", "operators-outage", "operators-push", "operators-alert", "operators-sast")) {
            repos.put(name, TrainHistory.seed(gitServer.createRepository(name + ".git")));
        }
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
        // seed 002's triggers: a push to main releases; a high Dependabot or critical code scanning alert, the hotfix
        p.put("releasekit.github.webhook.secret", WEBHOOK_SECRET);
        trigger(p, 0, "push", "operators-push", Map.of("branch", "main"), Map.of("target", "{sha}"));
        trigger(
                p,
                1,
                "dependabot_alert",
                "operators-alert",
                Map.of("min-severity", "high"),
                Map.of("target", "main", "message", "Hotfix {tag}: {ghsa} in {package} ({severity})"));
        trigger(
                p,
                2,
                "code_scanning_alert",
                "operators-sast",
                Map.of("min-severity", "high"),
                Map.of("target", "main", "message", "Hotfix {tag}: {rule} ({severity})"));
        return p;
    }

    @AfterAll
    void stop() throws Exception {
        github.close();
        slack.stop();
        gitServer.close();
        for (TrainHistory r : repos.values()) {
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
        TrainHistory repo = repos.get("operators");
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
                        "push-branches",
                        "check-conflicts");
        assertThat(steps.get("check-conflicts")).containsEntry("state", "SKIPPED");
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
        TrainHistory repo = repos.get("operators-outage");
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

    @Test
    void aSignedPushToMainStartsTheTrainAtThePushedCommitAndItsRedeliveryStartsNothing() throws Exception {
        TrainHistory repo = repos.get("operators-push");
        gitHubBeforeTheRelease(repo);
        slackUp();
        byte[] push = new String(FakeGitHub.webhookPayload("push.json"), StandardCharsets.UTF_8)
                .replace("3f786850e387550fdab836ed7e6dc881de23001b", repo.merge())
                .getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();

        RunsHttp.Response started = deliver("push", delivery, push);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = (String) ((List<?>) started.json().get("runs")).get(0);
        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "SUCCEEDED_DEGRADED", "FAILED");

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        assertThat(done)
                .containsEntry("kind", "train.release")
                .containsEntry("requestedBy", "github-webhook:ericzbeard");
        assertThat(RunsHttp.steps(done).get("plan-release").get("outputs"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("tag", "v1.4.1")
                .containsEntry("targetSha", repo.merge());
        assertSynced(repo);

        // GitHub redelivers the same delivery: acknowledged, nothing started, no second release
        RunsHttp.Response again = deliver("push", delivery, push);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).containsEntry("status", "duplicate");
        assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RELEASES))))
                .hasSize(1);
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SLACK_POST)))).hasSize(1);
    }

    @Test
    void aHighDependabotAlertStartsTheHotfixReleaseAndAMediumOneDoesNot() throws Exception {
        TrainHistory repo = repos.get("operators-alert");
        gitHubBeforeTheRelease(repo);
        mainIsAt(repo.merge());
        slackUp();
        String high = new String(FakeGitHub.webhookPayload("dependabot_alert-created.json"), StandardCharsets.UTF_8);
        byte[] medium = high.replace("\"severity\": \"high\"", "\"severity\": \"medium\"")
                .getBytes(StandardCharsets.UTF_8);

        RunsHttp.Response ignored =
                deliver("dependabot_alert", UUID.randomUUID().toString(), medium);
        RunsHttp.Response started =
                deliver("dependabot_alert", UUID.randomUUID().toString(), high.getBytes(StandardCharsets.UTF_8));

        assertThat(ignored.json()).containsEntry("status", "ignored");
        assertReleasedAndAnnounced(started, "Hotfix v1.4.1: GHSA-34jh-p97f-mpxf in urllib3 (high)");
        assertThat(github.server().findAll(postRequestedFor(urlPathEqualTo(RELEASES))))
                .hasSize(1);
    }

    @Test
    void aCriticalCodeScanningAlertStartsTheHotfixRelease() throws Exception {
        TrainHistory repo = repos.get("operators-sast");
        gitHubBeforeTheRelease(repo);
        mainIsAt(repo.merge());
        slackUp();

        RunsHttp.Response started = deliver(
                "code_scanning_alert",
                UUID.randomUUID().toString(),
                FakeGitHub.webhookPayload("code_scanning_alert-created.json"));

        assertReleasedAndAnnounced(started, "Hotfix v1.4.1: py/sql-injection (critical)");
    }

    /** The delivery started one train that succeeded and posted {@code text} to Slack, once. */
    void assertReleasedAndAnnounced(RunsHttp.Response started, String text) {
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        Map<String, Object> done = http.awaitState(
                (String) ((List<?>) started.json().get("runs")).get(0),
                WAIT,
                "SUCCEEDED",
                "SUCCEEDED_DEGRADED",
                "FAILED");
        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SLACK_POST))))
                .singleElement()
                .satisfies(r -> assertThat(RunsHttp.parse(r.getBodyAsString())).containsEntry("text", text));
    }

    /** GitHub resolves {@code main} (the hotfix run's target) to the merge commit, its head. */
    void mainIsAt(String sha) {
        github.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/commits/main"))
                        .withHeader("Accept", WireMock.equalTo("application/vnd.github.sha"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/vnd.github.sha")
                                .withBody(sha)));
    }

    // --- webhook deliveries, signed as GitHub signs them ---

    RunsHttp.Response deliver(String event, String delivery, byte[] body) {
        byte[] secret = GitHubWebhookSignature.secret(WEBHOOK_SECRET);
        return http.send(http.request("/api/v1/webhooks/github", null)
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/9ab2b1f")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", GitHubWebhookSignature.sha256(body, secret))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    static void trigger(
            Map<String, String> p,
            int i,
            String event,
            String repository,
            Map<String, String> match,
            Map<String, String> params) {
        String t = "releasekit.github.webhook.triggers[" + i + "].";
        p.put(t + "event", event);
        p.put(t + "repository", repository);
        p.put(t + "kind", "train.release");
        match.forEach((k, v) -> p.put(t + k, v));
        p.put(t + "params.repository", repository);
        p.put(t + "params.channels", "slack");
        params.forEach((k, v) -> p.put(t + "params." + k, v));
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

    static void assertSynced(TrainHistory repo) {
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

    void gitHubBeforeTheRelease(TrainHistory repo) {
        train(repo).beforeTheRelease();
    }

    void gitHubAfterTheRelease(TrainHistory repo, String notes) {
        train(repo).afterTheRelease(notes);
    }

    TrainReleaseScenario train(TrainHistory repo) {
        return new TrainReleaseScenario(github, repo.base(), repo.feature(), repo.merge());
    }

    // --- Slack ---

    void slackUp() {
        slackScenario.up();
    }

    void slackHas(Map<String, Object> post) {
        slackScenario.has(post);
    }
}
