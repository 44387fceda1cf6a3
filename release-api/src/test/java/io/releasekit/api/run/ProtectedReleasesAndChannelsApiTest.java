package io.releasekit.api.run;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import io.releasekit.github.FakeGitHub;
import io.releasekit.notify.SlackScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GitHub releases and chat channels are protected targets like stores and branches: the direct REST endpoints that
 * write them answer {@code 403 approval-required} on a protected release or channel and send nothing to GitHub or
 * Slack (both played by WireMock, driven by the real hub4j and Slack adapters); the same write as a run waits for its
 * approvals, derived from its plan, and only then reaches Slack.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProtectedReleasesAndChannelsApiTest {

    static final String SHA = "4f3c2b1a0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";

    final FakeGitHub gitHub = new FakeGitHub();
    final WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort());
    Path root;
    EmbeddedServer server;
    RunsHttp http;

    @BeforeAll
    void start() throws Exception {
        slack.start();
        root = Files.createTempDirectory("releasekit-protected-hosts");
        Map<String, Object> p = new HashMap<>();
        p.put("releasekit.github.endpoint", gitHub.base());
        p.put("releasekit.github.token", "ghp_protect_never_shown");
        p.put("releasekit.github.repositories.cfn.owner", FakeGitHub.OWNER);
        p.put("releasekit.github.repositories.cfn.repo", FakeGitHub.REPO);
        p.put("releasekit.github.repositories.cfn.tag-prefix", "release-");
        p.put("releasekit.services.github.max-attempts", "1");
        p.put("releasekit.channels.slack.type", "slack");
        p.put("releasekit.channels.slack.base-url", slack.baseUrl() + "/api");
        p.put("releasekit.channels.slack.token", "xoxb-protect-SeCrEt-0123456789");
        p.put("releasekit.channels.slack.channel-id", SlackScenario.CHANNEL);
        p.put("releasekit.services.slack.max-attempts", "1");
        p.put("releasekit.protection.rules.cfn-releases.github-repository", "cfn");
        p.put("releasekit.protection.rules.cfn-releases.release-tag", "release-*");
        p.put("releasekit.protection.rules.cfn-releases.operations", List.of("create", "publish", "delete"));
        p.put("releasekit.protection.rules.cfn-releases.approvals", 1);
        p.put("releasekit.protection.rules.announcements.channel", "slack");
        p.put("releasekit.protection.rules.announcements.operations", List.of("post", "set-topic"));
        p.put("releasekit.protection.rules.announcements.approvals", 1);
        p.put("releasekit.data-dir", root.resolve("data").toString());
        server = ApplicationContext.run(EmbeddedServer.class, p, "test");
        http = new RunsHttp(server.getURI());
    }

    @AfterAll
    void stop() {
        server.close();
        gitHub.close();
        slack.stop();
    }

    @BeforeEach
    void reset() {
        gitHub.server().resetAll();
        gitHub.withRepository();
        slack.resetAll();
        new SlackScenario(slack, SlackScenario.CHANNEL).up();
        slack.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"" + SlackScenario.CHANNEL
                        + "\",\"topic\":{\"value\":\"Packit\"}}}")));
        gitHub.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases"))
                        .willReturn(github(200)
                                .withBody(array(List.of(
                                        gitHub.release(104, "release-0.1.1", false, "", "main"),
                                        gitHub.release(106, "release-0.1.2", true, "Notes", SHA),
                                        gitHub.release(107, "nightly", true, "", SHA))))));
        gitHub.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.3"))
                        .willReturn(github(404).withBody("{\"message\":\"Not Found\"}")));
        gitHub.server()
                .stubFor(WireMock.get(urlPathEqualTo(PATH + "/releases/107"))
                        .willReturn(github(200).withBody(gitHub.release(107, "nightly", true, "", SHA))));
        gitHub.server()
                .stubFor(WireMock.delete(urlPathEqualTo(PATH + "/releases/107")).willReturn(github(204)));
    }

    @Test
    void directWritesToAProtectedGitHubReleaseAnswer403AndReachNoGitHub() {
        RunsHttp.Response create = http.post(
                "/api/v1/github/repositories/cfn/releases",
                TestTokens.CI,
                RunsHttp.json(Map.of("tag", "release-0.1.3", "target", SHA)));
        RunsHttp.Response publish =
                http.post("/api/v1/github/repositories/cfn/releases/release-0.1.2/publish", TestTokens.CI, "");
        RunsHttp.Response delete =
                http.send(http.request("/api/v1/github/repositories/cfn/releases/release-0.1.2", TestTokens.ADMIN)
                        .DELETE());

        for (RunsHttp.Response r : List.of(create, publish, delete)) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("type").toString()).endsWith("/approval-required");
            assertThat(r.json().get("detail").toString())
                    .contains("rule 'cfn-releases'")
                    .contains("POST /api/v1/runs");
        }
        assertThat(create.json().get("detail").toString()).startsWith("create of release cfn@release-0.1.3");
        assertThat(publish.json().get("detail").toString()).startsWith("publish of release cfn@release-0.1.2");
        assertThat(delete.json().get("detail").toString()).startsWith("delete of release cfn@release-0.1.2");
        assertThat(writesTo(gitHub.server())).isEmpty();

        // a release the rule does not cover is written as before
        RunsHttp.Response other =
                http.send(http.request("/api/v1/github/repositories/cfn/releases/nightly", TestTokens.CI)
                        .DELETE());
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(writesTo(gitHub.server())).singleElement().satisfies(r -> assertThat(r.getUrl())
                .endsWith("/releases/107"));
    }

    @Test
    void directPostsAndTopicChangesOnAProtectedChannelAnswer403AndReachNoSlack() {
        RunsHttp.Response announce = http.post(
                "/api/v1/notifications",
                TestTokens.CI,
                RunsHttp.json(Map.of("channels", List.of("slack"), "text", "Released 1.0")));
        RunsHttp.Response topic = http.send(http.request("/api/v1/channels/slack/topic", TestTokens.CI)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(RunsHttp.json(Map.of("topic", "Deploying")))));

        for (RunsHttp.Response r : List.of(announce, topic)) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.json().get("type").toString()).endsWith("/approval-required");
            assertThat(r.json().get("detail").toString()).contains("rule 'announcements'");
        }
        assertThat(announce.json().get("detail").toString()).startsWith("post of channel slack");
        assertThat(topic.json().get("detail").toString()).startsWith("set-topic of channel slack");
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SlackScenario.POST))))
                .isEmpty();
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/api/conversations.setTopic"))))
                .isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSameAnnouncementAsARunShowsItsPlanWaitsForAReleaseManagerAndThenPosts() {
        Map<String, Object> run = http.start(
                TestTokens.CI, "notify.announce", Map.of("channels", List.of("slack"), "text", "Released 1.0"));
        String id = (String) run.get("id");

        assertThat(run).containsEntry("state", "AWAITING_APPROVAL").containsEntry("approvalsRequired", 1);
        assertThat((List<Map<String, Object>>)
                        RunsHttp.steps(run).get("notify-slack").get("writes"))
                .extracting(w -> w.get("operation") + " " + w.get("target"))
                .containsExactly("post channel slack");
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SlackScenario.POST))))
                .isEmpty();

        assertThat(http.post("/api/v1/runs/" + id + "/approvals", TestTokens.RELEASE_MANAGER_1, "{}")
                        .status())
                .isEqualTo(200);
        Map<String, Object> done = http.awaitState(id, Duration.ofSeconds(30), "SUCCEEDED", "FAILED");

        assertThat(done).as(done.toString()).containsEntry("state", "SUCCEEDED");
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo(SlackScenario.POST))))
                .singleElement()
                .satisfies(r -> assertThat(r.getBodyAsString()).contains("Released 1.0"));
    }

    private static List<LoggedRequest> writesTo(WireMockServer server) {
        return server.findAll(anyRequestedFor(WireMock.anyUrl())).stream()
                .filter(r -> !RequestMethod.GET.equals(r.getMethod()))
                .toList();
    }
}
