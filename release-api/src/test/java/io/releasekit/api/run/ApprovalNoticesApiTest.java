package io.releasekit.api.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Approvers are told (seed 000: "release managers decide and two approve — nobody is told that a run waits for
 * them"): a run entering AWAITING_APPROVAL is announced on Slack and Matrix (WireMock, through the real notifiers)
 * with who must approve, what it will write and how to approve; its approval and its rejection are announced again;
 * a chat channel that fails holds up neither the approval nor the other channel.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalNoticesApiTest implements TestPropertyProvider {

    static final String SLACK_POST = "/api/chat.postMessage";
    static final String MATRIX_SEND = "/_matrix/client/v3/rooms/%21releases%3Aexample.org/send/m.room.message/.*";
    static final Duration WAIT = Duration.ofSeconds(30);

    final WireMockServer chat = new WireMockServer(wireMockConfig().dynamicPort());

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    ApprovalNoticesApiTest() {
        chat.start();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("releasekit.channels.ops-slack.type", "slack");
        p.put("releasekit.channels.ops-slack.token", "xoxb-approvals-SeCrEt");
        p.put("releasekit.channels.ops-slack.channel-id", "C0APPROVE01");
        p.put("releasekit.channels.ops-slack.base-url", chat.baseUrl() + "/api");
        p.put("releasekit.channels.ops-matrix.type", "matrix");
        p.put("releasekit.channels.ops-matrix.base-url", chat.baseUrl());
        p.put("releasekit.channels.ops-matrix.token", "syt_approvals_SeCrEt");
        p.put("releasekit.channels.ops-matrix.room-id", "!releases:example.org");
        p.put("releasekit.services.slack.max-attempts", "1");
        p.put("releasekit.services.matrix.max-attempts", "1");
        p.put("releasekit.approvals.channels", "ops-slack,ops-matrix");
        p.put("releasekit.approvals.public-url", "https://releasekit.example.com");
        return p;
    }

    @AfterAll
    void stop() {
        chat.stop();
    }

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
        chat.resetAll();
        http.post("/api/v1/services/slack/reset", TestTokens.ADMIN, "");
        http.post("/api/v1/services/matrix/reset", TestTokens.ADMIN, "");
        chat.stubFor(WireMock.get(urlPathEqualTo("/api/conversations.history"))
                .willReturn(okJson("{\"ok\":true,\"messages\":[],\"has_more\":false}")));
        chat.stubFor(post(urlPathEqualTo(SLACK_POST)).willReturn(okJson("{\"ok\":true,\"ts\":\"1765000000.000100\"}")));
        chat.stubFor(put(urlPathMatching(MATRIX_SEND)).willReturn(okJson("{\"event_id\":\"$approval:example.org\"}")));
    }

    @Test
    void approversAreToldWhoMustApproveWhatTheRunWritesAndHowThenThatItWasApproved() {
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");

        String slack = await().atMost(WAIT)
                .until(() -> slackTexts(), t -> !t.isEmpty())
                .get(0);
        assertThat(slack)
                .contains("run " + id + " (test.approval) requested by " + TestTokens.CI_NAME + " awaits approval")
                .contains("2 approvals by distinct principals with role release-manager")
                .contains(TestTokens.CI_NAME + " (the requester) may not approve")
                .contains("It will write:\n- ship: write ship")
                .contains("https://releasekit.example.com/api/v1/runs/" + id + "/approvals")
                .contains("releasekit runs approve " + id)
                .contains("https://releasekit.example.com/console/runs/" + id)
                .contains("/api/v1/runs/" + id + "/rejections")
                .contains("Expires at ");
        await().atMost(WAIT).until(() -> matrixBodies().stream().anyMatch(b -> b.contains("awaits approval")));

        approve(id, TestTokens.RELEASE_MANAGER_1);
        approve(id, TestTokens.RELEASE_MANAGER_2);

        assertThat(http.awaitState(id, WAIT, "SUCCEEDED", "FAILED")).containsEntry("state", "SUCCEEDED");
        await().atMost(WAIT).until(() -> slackTexts().size() == 2);
        assertThat(slackTexts().get(1))
                .contains("run " + id + " (test.approval)")
                .contains("was approved by " + TestTokens.RELEASE_MANAGER_1_NAME + ", "
                        + TestTokens.RELEASE_MANAGER_2_NAME + " and starts now");
        await().atMost(WAIT).until(() -> matrixBodies().stream().anyMatch(b -> b.contains("was approved")));
    }

    @Test
    void aRejectionIsAnnouncedWithItsReason() {
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");
        await().atMost(WAIT).until(() -> slackTexts().size() == 1);

        RunsHttp.Response rejected = http.post(
                "/api/v1/runs/" + id + "/rejections",
                TestTokens.RELEASE_MANAGER_1,
                RunsHttp.json(Map.of("comment", "not during the freeze")));

        assertThat(rejected.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> slackTexts().size() == 2);
        assertThat(slackTexts().get(1))
                .contains("was rejected by " + TestTokens.RELEASE_MANAGER_1_NAME)
                .contains("not during the freeze")
                .contains("Nothing was written");
        assertThat(SideEffects.writes(id, "ship")).isEmpty();
    }

    @Test
    void aFailingChatChannelHoldsUpNeitherTheApprovalNorTheOtherChannel() {
        chat.stubFor(post(urlPathEqualTo(SLACK_POST))
                .atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");

        await().atMost(WAIT).until(() -> matrixBodies().stream().anyMatch(b -> b.contains(id)));
        approve(id, TestTokens.RELEASE_MANAGER_1);
        approve(id, TestTokens.RELEASE_MANAGER_2);

        assertThat(http.awaitState(id, WAIT, "SUCCEEDED", "FAILED")).containsEntry("state", "SUCCEEDED");
        await().atMost(WAIT)
                .until(() -> matrixBodies().stream().anyMatch(b -> b.contains(id) && b.contains("was approved")));
        assertThat(SideEffects.writes(id, "ship")).hasSize(1);
    }

    private void approve(String id, String token) {
        RunsHttp.Response r = http.post("/api/v1/runs/" + id + "/approvals", token, "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private List<String> slackTexts() {
        return chat.findAll(postRequestedFor(urlPathEqualTo(SLACK_POST))).stream()
                .map(r -> (String) RunsHttp.parse(r.getBodyAsString()).get("text"))
                .toList();
    }

    private List<String> matrixBodies() {
        return chat.findAll(putRequestedFor(urlPathMatching(MATRIX_SEND))).stream()
                .map(r -> (String) RunsHttp.parse(r.getBodyAsString()).get("body"))
                .toList();
    }
}
