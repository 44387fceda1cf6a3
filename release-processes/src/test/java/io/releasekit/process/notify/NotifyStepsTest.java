package io.releasekit.process.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.TestStepContext;
import io.releasekit.notify.Fixtures;
import io.releasekit.notify.MastodonNotifier;
import io.releasekit.notify.MatrixNotifier;
import io.releasekit.notify.SlackNotifier;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notify steps of seed 004 against WireMock-backed adapters, one step at a time. */
class NotifyStepsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String TOPIC = "/_matrix/client/v3/rooms/%21packit%3Afedora.im/state/m.room.topic";
    static final Topic DEPLOYING = Topic.of("⚠️ Production redeployment in progress ⚠️");

    ServiceGuards guards;
    MatrixNotifier matrix;

    @BeforeEach
    void setUp() {
        Fixtures.warmUp(wm.baseUrl());
        guards = Fixtures.fastGuards();
        matrix = MatrixNotifier.builder("packit-matrix")
                .baseUrl(wm.baseUrl())
                .token("syt_steps_test_token")
                .roomId("!packit:fedora.im")
                .timeout(Fixtures.TIMEOUT)
                .build();
    }

    @AfterEach
    void tearDown() {
        matrix.close();
        guards.close();
    }

    @Test
    void setTopicThenRestoreTopicPutsBackTheExactPreviousTopic() throws Exception {
        // the room's topic, as state: "Packit chat" → deployment notice → back
        wm.stubFor(get(urlEqualTo(TOPIC))
                .inScenario("topic")
                .whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"topic\":\"Packit chat: https://packit.dev\"}")));
        wm.stubFor(put(urlEqualTo(TOPIC))
                .inScenario("topic")
                .whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.topic", equalTo(DEPLOYING.text())))
                .willSetStateTo("deploying")
                .willReturn(okJson("{\"event_id\":\"$t1:fedora.im\"}")));
        wm.stubFor(get(urlEqualTo(TOPIC))
                .inScenario("topic")
                .whenScenarioStateIs("deploying")
                .willReturn(okJson("{\"topic\":\"" + DEPLOYING.text() + "\"}")));
        wm.stubFor(put(urlEqualTo(TOPIC))
                .inScenario("topic")
                .whenScenarioStateIs("deploying")
                .willSetStateTo(STARTED)
                .willReturn(okJson("{\"event_id\":\"$t2:fedora.im\"}")));

        StepOutcome set = new SetTopicStep(matrix, DEPLOYING).execute(ctx(false));
        assertThat(set.outputs()).containsEntry("topic.packit-matrix.previous", "Packit chat: https://packit.dev");

        StepOutcome restored = new RestoreTopicStep(matrix).execute(ctx(false).withOutputs(set.outputs()));

        assertThat(restored).isInstanceOf(StepOutcome.Succeeded.class);
        List<LoggedRequest> puts = wm.findAll(putRequestedFor(urlEqualTo(TOPIC)));
        assertThat(puts).hasSize(2);
        assertThat(JsonBodies.text(puts.get(1).getBodyAsString(), "topic")).contains("Packit chat: https://packit.dev");
        assertThat(matrix.topic().text()).isEqualTo("Packit chat: https://packit.dev");
    }

    @Test
    void aReplayedSlackPostStepFindsItsMarkerAndDoesNotPostTwice() throws Exception {
        try (SlackNotifier slack = SlackNotifier.builder("ops-slack")
                .token("xoxb-steps-test-token")
                .channelId("C0123456789")
                .baseUrl(wm.baseUrl() + "/api")
                .timeout(Fixtures.TIMEOUT)
                .build()) {
            PostMessageStep step = new PostMessageStep(slack, Message.of("Packit deployed"));
            TestStepContext ctx = ctx(false).forStep(step.name());
            String key = ctx.idempotencyKey();
            wm.stubFor(get(urlPathEqualTo("/api/conversations.history"))
                    .inScenario("history")
                    .whenScenarioStateIs(STARTED)
                    .willReturn(okJson("{\"ok\":true,\"messages\":[]}")));
            wm.stubFor(post("/api/chat.postMessage")
                    .inScenario("history")
                    .willSetStateTo("posted")
                    .willReturn(okJson("{\"ok\":true,\"ts\":\"1700000001.000200\"}")));
            wm.stubFor(get(urlPathEqualTo("/api/conversations.history"))
                    .inScenario("history")
                    .whenScenarioStateIs("posted")
                    .willReturn(okJson("{\"ok\":true,\"messages\":[{\"type\":\"message\",\"text\":\"Packit deployed\","
                            + "\"ts\":\"1700000001.000200\",\"metadata\":{\"event_type\":\"releasekit_post\","
                            + "\"event_payload\":{\"idempotency_key\":\"" + key + "\"}}}]}")));

            StepOutcome first = step.execute(ctx);
            StepOutcome replay = step.execute(ctx); // e.g. the runner died before recording the first outcome

            assertThat(first).isInstanceOf(StepOutcome.Succeeded.class);
            assertThat(replay).isInstanceOf(StepOutcome.Skipped.class);
            assertThat(replay.outputs()).containsEntry("notify.ops-slack.ids", "1700000001.000200");
            wm.verify(
                    1,
                    postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                            .withRequestBody(equalToJson(
                                    "{\"metadata\":{\"event_payload\":{\"idempotency_key\":\"" + key + "\"}}}",
                                    true,
                                    true)));
        }
    }

    @Test
    void aReplayedMastodonStepSendsTheSameIdempotencyKey() throws Exception {
        wm.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"4711\"}")));
        try (MastodonNotifier mastodon = MastodonNotifier.builder("packit-mastodon")
                .baseUrl(wm.baseUrl())
                .token("mastodon-steps-test-token")
                .timeout(Fixtures.TIMEOUT)
                .build()) {
            PostMessageStep step = new PostMessageStep(mastodon, Message.of("Packit deployed"));
            TestStepContext ctx = ctx(false).forStep(step.name());

            step.execute(ctx);
            step.execute(ctx);

            wm.verify(
                    2,
                    postRequestedFor(urlEqualTo("/api/v1/statuses"))
                            .withHeader("Idempotency-Key", equalTo("test-run:notify-packit-mastodon-1")));
        }
    }

    @Test
    void aDryRunReadsTheTopicButNeverWritesIt() throws Exception {
        wm.stubFor(get(urlEqualTo(TOPIC)).willReturn(okJson("{\"topic\":\"Packit chat\"}")));
        TestStepContext dry = ctx(true);

        StepOutcome set = new SetTopicStep(matrix, DEPLOYING).execute(dry);
        new RestoreTopicStep(matrix).execute(dry.withOutputs(set.outputs()));

        wm.verify(0, putRequestedFor(urlEqualTo(TOPIC)));
        assertThat(dry.plans()).hasSize(2);
    }

    private TestStepContext ctx(boolean dryRun) {
        return new TestStepContext(RunParameters.empty(), dryRun, guards);
    }
}
