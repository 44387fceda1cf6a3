package io.releasekit.api.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import io.releasekit.core.run.ProcessDefinition;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsApiTest implements TestPropertyProvider {

    static final String SLACK_TOKEN = "xoxb-api-test-SeCrEt-token";
    static final String MATRIX_TOKEN = "syt_api_test_SeCrEt_token";
    static final String MASTODON_TOKEN = "mastodon-api-test-SeCrEt-token";
    static final String ROOM_TOPIC = "/_matrix/client/v3/rooms/%21packit%3Afedora.im/state/m.room.topic";

    static final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        wm.start();
    }

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("releasekit.channels.ops-slack.type", "slack");
        p.put("releasekit.channels.ops-slack.token", SLACK_TOKEN);
        p.put("releasekit.channels.ops-slack.channel-id", "C0123456789");
        p.put("releasekit.channels.ops-slack.base-url", wm.baseUrl() + "/api");
        p.put("releasekit.channels.packit-matrix.type", "matrix");
        p.put("releasekit.channels.packit-matrix.base-url", wm.baseUrl());
        p.put("releasekit.channels.packit-matrix.token", MATRIX_TOKEN);
        p.put("releasekit.channels.packit-matrix.room-id", "!packit:fedora.im");
        p.put("releasekit.channels.packit-mastodon.type", "mastodon");
        p.put("releasekit.channels.packit-mastodon.base-url", wm.baseUrl());
        p.put("releasekit.channels.packit-mastodon.token", MASTODON_TOKEN);
        p.put("releasekit.channels.packit-mastodon.visibility", "unlisted");
        p.put("releasekit.services.matrix.max-attempts", "1");
        return p;
    }

    @AfterAll
    void stopWireMock() {
        wm.stop();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    @Test
    void listsTheChannelsWithoutCredentials() {
        String body = client.toBlocking().retrieve("/api/v1/channels");

        List<Map> channels =
                client.toBlocking().retrieve(HttpRequest.GET("/api/v1/channels"), Argument.listOf(Map.class));
        assertThat(channels)
                .extracting(c -> c.get("name"), c -> c.get("type"), c -> c.get("topic"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ops-slack", "slack", true),
                        org.assertj.core.groups.Tuple.tuple("packit-mastodon", "mastodon", false),
                        org.assertj.core.groups.Tuple.tuple("packit-matrix", "matrix", true));
        assertThat(body).doesNotContain(SLACK_TOKEN, MATRIX_TOKEN, MASTODON_TOKEN, wm.baseUrl());
    }

    @Test
    void aDryRunListsTheMastodonThreadAndPostsNothing() {
        String text = ("Packit in October: " + "new features and fixes for everyone ".repeat(35)).strip();

        Map<String, Object> r = json(
                HttpRequest.POST(
                        "/api/v1/notifications",
                        Map.of("channels", List.of("packit-mastodon", "ops-slack"), "text", text, "dryRun", true)),
                Map.class);

        assertThat(r).containsEntry("dryRun", true);
        List<Map<String, Object>> plans = (List<Map<String, Object>>) r.get("plans");
        List<String> thread = (List<String>) plans.get(0).get("posts");
        assertThat(plans.get(0)).containsEntry("channel", "packit-mastodon");
        assertThat(thread).hasSize(3);
        assertThat(thread.get(0)).endsWith(" (1/3)");
        assertThat(thread.get(2)).endsWith(" (3/3)");
        assertThat((List<String>) plans.get(1).get("posts")).containsExactly(text);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void announcesOnEveryChannelAndReportsTheFailingOneWithoutHidingTheOthers() {
        wm.stubFor(WireMock.get(urlPathEqualTo("/api/conversations.history"))
                .willReturn(okJson("{\"ok\":true,\"messages\":[]}")));
        wm.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\":true,\"ts\":\"1700000001.000200\"}")));
        wm.stubFor(put(urlEqualTo(
                        "/_matrix/client/v3/rooms/%21packit%3Afedora.im/send/m.room.message/deploy-42%3Apackit-matrix"))
                .willReturn(aResponse().withStatus(503)));
        wm.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"4711\"}")));

        Map<String, Object> r = json(
                HttpRequest.POST(
                                "/api/v1/notifications",
                                Map.of(
                                        "channels",
                                        List.of("ops-slack", "packit-matrix", "packit-mastodon"),
                                        "text",
                                        "Packit Service deployed"))
                        .header("Idempotency-Key", "deploy-42"),
                Map.class);

        assertThat(r).containsEntry("idempotencyKey", "deploy-42");
        List<Map<String, Object>> outcomes = (List<Map<String, Object>>) r.get("outcomes");
        assertThat(outcomes)
                .extracting(o -> o.get("channel"), o -> o.get("status"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ops-slack", "DELIVERED"),
                        org.assertj.core.groups.Tuple.tuple("packit-matrix", "FAILED"),
                        org.assertj.core.groups.Tuple.tuple("packit-mastodon", "DELIVERED"));
        assertThat(outcomes.get(1).get("error").toString()).contains("503").doesNotContain(MATRIX_TOKEN);
        assertThat(outcomes.get(1)).containsEntry("retryable", true);
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/statuses"))
                .withHeader("Idempotency-Key", equalTo("deploy-42:packit-mastodon-1")));
    }

    @Test
    void refusesAnUnknownChannelBeforePostingAnything() {
        assertProblem(
                HttpRequest.POST(
                        "/api/v1/notifications", Map.of("channels", List.of("ops-slack", "nope"), "text", "hi")),
                404,
                "not-found");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAnEmptyText() {
        assertProblem(
                HttpRequest.POST("/api/v1/notifications", Map.of("channels", List.of("ops-slack"), "text", "")),
                400,
                "invalid-input");
    }

    @Test
    void readsSetsAndRestoresATopic() {
        wm.stubFor(WireMock.get(urlEqualTo(ROOM_TOPIC)).willReturn(okJson("{\"topic\":\"Packit chat\"}")));
        wm.stubFor(put(urlEqualTo(ROOM_TOPIC)).willReturn(okJson("{\"event_id\":\"$t:fedora.im\"}")));

        Map<String, Object> read = json(HttpRequest.GET("/api/v1/channels/packit-matrix/topic"), Map.class);
        assertThat(read).containsEntry("topic", "Packit chat");

        Map<String, Object> set = json(
                HttpRequest.PUT("/api/v1/channels/packit-matrix/topic", Map.of("topic", "Redeploying")), Map.class);
        assertThat(set)
                .containsEntry("previous", "Packit chat")
                .containsEntry("topic", "Redeploying")
                .containsEntry("changed", true);
        wm.verify(putRequestedFor(urlEqualTo(ROOM_TOPIC))
                .withRequestBody(equalToJson("{\"topic\":\"Redeploying\"}", true, true)));
    }

    @Test
    void aDryRunTopicChangeOnlyReads() {
        wm.stubFor(WireMock.get(urlEqualTo(ROOM_TOPIC)).willReturn(okJson("{\"topic\":\"Packit chat\"}")));

        Map<String, Object> set = json(
                HttpRequest.PUT("/api/v1/channels/packit-matrix/topic", Map.of("topic", "Redeploying", "dryRun", true)),
                Map.class);

        assertThat(set).containsEntry("previous", "Packit chat").containsEntry("dryRun", true);
        wm.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aChannelWithoutTopicAnswersAProblem() {
        assertProblem(HttpRequest.GET("/api/v1/channels/packit-mastodon/topic"), 400, "invalid-input");
        assertProblem(HttpRequest.GET("/api/v1/channels/nope/topic"), 404, "not-found");
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRejectedTokenIsABadGatewayProblemWithoutTheToken() {
        wm.stubFor(WireMock.get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));

        assertThatThrownBy(() -> client.toBlocking()
                        .exchange(
                                HttpRequest.GET("/api/v1/channels/ops-slack/topic"),
                                Argument.of(String.class),
                                Argument.of(String.class)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(502);
                    String body = e.getResponse().getBody(String.class).orElse("");
                    assertThat(body)
                            .contains("channel-rejected")
                            .contains("invalid_auth")
                            .doesNotContain(SLACK_TOKEN);
                });
    }

    @Test
    void aReaderMaySeeChannelsButNotPostOrChangeTopics() {
        String reader = TestTokens.bearer(TestTokens.READER);
        assertThat(client.toBlocking()
                        .exchange(HttpRequest.GET("/api/v1/channels").header("Authorization", reader))
                        .code())
                .isEqualTo(200);
        assertThatThrownBy(() -> client.toBlocking()
                        .exchange(HttpRequest.POST(
                                        "/api/v1/notifications", Map.of("channels", List.of("ops-slack"), "text", "hi"))
                                .header("Authorization", reader)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.code())
                        .isEqualTo(403));
        assertThatThrownBy(() -> client.toBlocking()
                        .exchange(HttpRequest.PUT("/api/v1/channels/packit-matrix/topic", Map.of("topic", "x"))
                                .header("Authorization", reader)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.code())
                        .isEqualTo(403));
        assertThat(client.toBlocking()
                        .exchange(HttpRequest.POST(
                                        "/api/v1/notifications",
                                        Map.of("channels", List.of("ops-slack"), "text", "hi", "dryRun", true))
                                .header("Authorization", TestTokens.bearer(TestTokens.CI)))
                        .code())
                .as("the ci role may announce")
                .isEqualTo(200);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void exposesTheNotificationProcessesAsProcessDefinitions() {
        assertThat(context.getBeansOfType(ProcessDefinition.class))
                .extracting(ProcessDefinition::kind)
                .contains("notify.announce", "deployment");
    }

    @Test
    void documentsTheEndpointsInOpenApi() {
        String yaml = client.toBlocking().retrieve("/swagger/releasekit-0.1.yml");
        assertThat(yaml)
                .contains("/api/v1/notifications")
                .contains("/api/v1/channels/{name}/topic")
                .contains("notifications");
    }

    @SuppressWarnings("unchecked")
    private <T> T json(HttpRequest<?> request, Class<T> type) {
        return (T) client.toBlocking().retrieve(request, Argument.of(type));
    }

    private void assertProblem(HttpRequest<?> request, int status, String type) {
        assertThatThrownBy(
                        () -> client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Map.class)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(status);
                    assertThat(e.getResponse().getContentType())
                            .map(MediaType::toString)
                            .contains("application/problem+json");
                    Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
                    assertThat(problem.get("type")).isEqualTo("https://releasekit.io/problems/" + type);
                });
    }
}
