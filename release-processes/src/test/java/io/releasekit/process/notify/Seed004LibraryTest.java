package io.releasekit.process.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunRequest;
import io.releasekit.core.run.RunState;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.notify.ChannelSpec;
import io.releasekit.notify.Channels;
import io.releasekit.notify.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seed 004 (Packit's weekly deployment), its chat part end to end through the library, no Micronaut container: the
 * Slack and Matrix topics go up, the deployment runs, a long Mastodon announcement is posted as a thread, and both
 * topics are put back exactly as they were.
 */
class Seed004LibraryTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String BANNER = "⚠️ Production redeployment in progress ⚠️";
    static final String ROOM_TOPIC = "/_matrix/client/v3/rooms/%21packit%3Afedora.im/state/m.room.topic";
    static final String BLOG =
            "Packit in October 2025: " + "new koji-build options, faster propose-downstream, ".repeat(14)
                    + "read all at https://packit.dev/posts/2025-10-weekly";

    @Test
    void topicsUpDeployAnnounceAsThreadTopicsBack() {
        Fixtures.warmUp(wm.baseUrl());
        stubSlackTopic("Packit chat: https://packit.dev");
        stubMatrixTopic("Packit | https://packit.dev");
        wm.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"4711\"}")));

        try (ServiceGuards guards = Fixtures.fastGuards();
                Notifiers channels = Channels.registry(
                        List.of(
                                ChannelSpec.builder("ops-slack", "slack")
                                        .token("xoxb-seed-004-token")
                                        .channelId("C0123456789")
                                        .baseUrl(wm.baseUrl() + "/slack/api")
                                        .timeout(Fixtures.TIMEOUT)
                                        .build(),
                                ChannelSpec.builder("packit-matrix", "matrix")
                                        .baseUrl(wm.baseUrl())
                                        .token("syt_seed_004_token")
                                        .roomId("!packit:fedora.im")
                                        .timeout(Fixtures.TIMEOUT)
                                        .build(),
                                ChannelSpec.builder("packit-mastodon", "mastodon")
                                        .baseUrl(wm.baseUrl())
                                        .token("mastodon-seed-004-token")
                                        .timeout(Fixtures.TIMEOUT)
                                        .build()),
                        guards);
                RunEngine engine = RunEngine.builder()
                        .guards(guards)
                        .define(new DeploymentProcess(channels))
                        .build()) {

            Run run = engine.awaitEnd(
                    engine.start(RunRequest.of(
                                    "deployment",
                                    Map.of(
                                            "topic", BANNER,
                                            "announcement", BLOG,
                                            "announceChannels", List.of("packit-mastodon")),
                                    "packit-release-manager"))
                            .id(),
                    Duration.ofSeconds(30));

            assertThat(run.state()).as(run.reason()).isEqualTo(RunState.SUCCEEDED);
        }

        // Slack: banner, then exactly the old topic
        assertThat(wm.findAll(postRequestedFor(urlPathEqualTo("/slack/api/conversations.setTopic"))))
                .extracting(r -> JsonBodies.text(r.getBodyAsString(), "topic").orElseThrow())
                .containsExactly(BANNER, "Packit chat: https://packit.dev");
        // Matrix: banner, then exactly the old topic
        assertThat(wm.findAll(putRequestedFor(urlEqualTo(ROOM_TOPIC))))
                .extracting(r -> JsonBodies.text(r.getBodyAsString(), "topic").orElseThrow())
                .containsExactly(BANNER, "Packit | https://packit.dev");
        // Mastodon: a thread of posts within 500 characters, each with its own Idempotency-Key
        var toots = wm.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")));
        assertThat(toots).hasSizeGreaterThan(1);
        assertThat(toots)
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .allMatch(k -> k.matches(".+:notify-packit-mastodon-\\d+"));
        assertThat(JsonBodies.text(toots.get(0).getBodyAsString(), "status").orElseThrow())
                .endsWith("(1/" + toots.size() + ")");
    }

    /** conversations.info answers the topic last set, as Slack does. */
    private static void stubSlackTopic(String initial) {
        stubSlackInfo(STARTED, initial);
        stubSlackInfo("banner", BANNER);
        stubSlackInfo("restored", initial);
        wm.stubFor(post("/slack/api/conversations.setTopic")
                .inScenario("slack")
                .whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.topic", equalTo(BANNER)))
                .willSetStateTo("banner")
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"C0123456789\"}}")));
        wm.stubFor(post("/slack/api/conversations.setTopic")
                .inScenario("slack")
                .whenScenarioStateIs("banner")
                .withRequestBody(matchingJsonPath("$.topic", equalTo(initial)))
                .willSetStateTo("restored")
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"C0123456789\"}}")));
    }

    private static void stubSlackInfo(String state, String topic) {
        wm.stubFor(get(urlPathEqualTo("/slack/api/conversations.info"))
                .inScenario("slack")
                .whenScenarioStateIs(state)
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"C0123456789\",\"topic\":{\"value\":\"" + topic
                        + "\",\"creator\":\"U012AB3CDE\",\"last_set\":1700000000}}}")));
    }

    /** The room's m.room.topic state follows the PUTs, as a homeserver's does. */
    private static void stubMatrixTopic(String initial) {
        stubMatrixGet(STARTED, initial);
        stubMatrixGet("banner", BANNER);
        stubMatrixGet("restored", initial);
        wm.stubFor(put(urlEqualTo(ROOM_TOPIC))
                .inScenario("matrix")
                .whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.topic", equalTo(BANNER)))
                .willSetStateTo("banner")
                .willReturn(okJson("{\"event_id\":\"$banner:fedora.im\"}")));
        wm.stubFor(put(urlEqualTo(ROOM_TOPIC))
                .inScenario("matrix")
                .whenScenarioStateIs("banner")
                .withRequestBody(matchingJsonPath("$.topic", equalTo(initial)))
                .willSetStateTo("restored")
                .willReturn(okJson("{\"event_id\":\"$restored:fedora.im\"}")));
    }

    private static void stubMatrixGet(String state, String topic) {
        wm.stubFor(get(urlEqualTo(ROOM_TOPIC))
                .inScenario("matrix")
                .whenScenarioStateIs(state)
                .willReturn(okJson("{\"topic\":\"" + topic + "\"}")));
    }
}
