package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackNotifierTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String TOKEN = "xoxb-1234567890-0987654321-SeCrEtToKeN";
    static final String KEY = "run-7:notify-ops-slack";
    static final String EMPTY_HISTORY =
            "{\"ok\":true,\"messages\":[{\"type\":\"message\",\"user\":\"U012AB3CDE\",\"text\":\"hello\","
                    + "\"ts\":\"1700000000.000100\"}],\"has_more\":false,\"pin_count\":0}";

    SlackNotifier slack;

    @BeforeEach
    void setUp() {
        Fixtures.warmUp(wm.baseUrl());
        slack = SlackNotifier.builder("ops-slack")
                .token(TOKEN)
                .channelId("C0123456789")
                .baseUrl(wm.baseUrl() + "/api")
                .timeout(Fixtures.TIMEOUT)
                .historyLimit(50)
                .build();
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    @Test
    void postsWithTheBotTokenAndTheIdempotencyKeyInMessageMetadata() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(EMPTY_HISTORY)));
        wm.stubFor(post("/api/chat.postMessage")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1700000001.000200\","
                        + "\"message\":{\"type\":\"message\",\"text\":\"Deployed\",\"ts\":\"1700000001.000200\"}}")));

        Delivery d = slack.post(Message.of("Deployed <1.4.0> & notes"), KEY);

        assertThat(d.ids()).containsExactly("1700000001.000200");
        assertThat(d.alreadyDelivered()).isFalse();
        wm.verify(getRequestedFor(urlPathEqualTo("/api/conversations.history"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("channel", equalTo("C0123456789"))
                .withQueryParam("limit", equalTo("50"))
                .withQueryParam("include_all_metadata", equalTo("true")));
        wm.verify(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withRequestBody(equalToJson(
                        "{\"channel\":\"C0123456789\",\"text\":\"Deployed &lt;1.4.0&gt; &amp; notes\","
                                + "\"metadata\":{\"event_type\":\"releasekit_post\","
                                + "\"event_payload\":{\"idempotency_key\":\"" + KEY + "\"}}}",
                        true,
                        true)));
    }

    @Test
    void sendsMarkdownAsAMarkdownBlockWithThePlainTextAsFallback() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(EMPTY_HISTORY)));
        wm.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\":true,\"ts\":\"1.2\"}")));

        slack.post(Message.of("Released 1.4.0", "**Released** [1.4.0](https://example.org)"), KEY);

        wm.verify(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(equalToJson(
                        "{\"text\":\"Released 1.4.0\",\"blocks\":[{\"type\":\"markdown\","
                                + "\"text\":\"**Released** [1.4.0](https://example.org)\"}]}",
                        true,
                        true)));
    }

    @Test
    void aReplayFindsTheRecordedMarkerAndDoesNotPostTwice() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.history"))
                .willReturn(okJson("{\"ok\":true,\"messages\":["
                        + "{\"type\":\"message\",\"text\":\"other\",\"ts\":\"1700000003.000300\","
                        + "\"metadata\":{\"event_type\":\"releasekit_post\",\"event_payload\":{\"idempotency_key\":\"x\"}}},"
                        + "{\"type\":\"message\",\"bot_id\":\"B123\",\"text\":\"Deployed\",\"ts\":\"1700000001.000200\","
                        + "\"metadata\":{\"event_type\":\"releasekit_post\",\"event_payload\":{\"idempotency_key\":\""
                        + KEY + "\"}}}],\"has_more\":false}")));

        Delivery d = slack.post(Message.of("Deployed"), KEY);

        assertThat(d.alreadyDelivered()).isTrue();
        assertThat(d.ids()).containsExactly("1700000001.000200");
        wm.verify(0, postRequestedFor(urlPathEqualTo("/api/chat.postMessage")));
    }

    @Test
    void readsTheTopicFromConversationsInfo() {
        stubTopic("Packit chat | docs at packit.dev");

        assertThat(slack.topic()).isEqualTo(Topic.of("Packit chat | docs at packit.dev"));
        wm.verify(getRequestedFor(urlPathEqualTo("/api/conversations.info"))
                .withQueryParam("channel", equalTo("C0123456789"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void settingTheTopicReturnsThePreviousOne() {
        stubTopic("Packit chat");
        wm.stubFor(post("/api/conversations.setTopic")
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"C0123456789\",\"name\":\"packit\","
                        + "\"topic\":{\"value\":\"Deploying\",\"creator\":\"U012AB3CDE\",\"last_set\":1700000000}}}")));

        Topic previous = slack.setTopic(Topic.of("Deploying"));

        assertThat(previous.text()).isEqualTo("Packit chat");
        wm.verify(postRequestedFor(urlPathEqualTo("/api/conversations.setTopic"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"channel\":\"C0123456789\",\"topic\":\"Deploying\"}")));
    }

    @Test
    void refusesATopicLongerThanSlackAcceptsWithoutCallingIt() {
        assertThatThrownBy(() -> slack.setTopic(Topic.of("x".repeat(251))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("251")
                .hasMessageContaining("250");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void translatesChannelNotFound() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));

        assertThatThrownBy(slack::topic)
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("C0123456789")
                .hasMessageContaining("'ops-slack'");
    }

    @Test
    void translatesInvalidAuthToARejectionThatNeverOpensTheBreaker() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        try (ServiceGuards guards = Fixtures.fastGuards()) {
            for (int i = 0; i < 4; i++) {
                assertThatThrownBy(() -> guards.call("slack", slack::topic))
                        .isInstanceOf(ChannelRejectedException.class)
                        .hasMessageContaining("invalid_auth")
                        .hasMessageNotContaining(TOKEN);
            }
            assertThat(guards.status("slack").state()).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void translatesHttp429WithRetryAfter() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "30")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));

        assertThatThrownBy(slack::topic).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            assertThat(e.service()).isEqualTo("slack");
        });
    }

    @Test
    void translatesRatelimitedInAnOkResponse() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"ratelimited\"}")));
        assertThatThrownBy(slack::topic).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void translatesServerErrorsToServiceUnavailable() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
        assertThatThrownBy(slack::topic).isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
            assertThat(e.service()).isEqualTo("slack");
            assertThat(e.getMessage()).contains("503");
        });

        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(okJson("{\"ok\":false,\"error\":\"internal_error\"}")));
        assertThatThrownBy(slack::topic)
                .isInstanceOf(ServiceUnavailableException.class)
                .isNotInstanceOf(RateLimitedException.class);
    }

    @Test
    void translatesAConnectionResetToServiceUnavailable() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(slack::topic)
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                        .isEqualTo("slack"));
    }

    @Test
    void translatesASlowAnswerToServiceUnavailable() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(okJson("{\"ok\":true,\"channel\":{}}").withFixedDelay(3_000)));
        assertThatThrownBy(slack::topic)
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("no answer within");
    }

    @Test
    void translatesATooLongMessage() {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.history")).willReturn(okJson(EMPTY_HISTORY)));
        wm.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\":false,\"error\":\"msg_too_long\"}")));
        assertThatThrownBy(() -> slack.post(Message.of("x"), KEY))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("msg_too_long");
    }

    @Test
    void refusesBadConfigurationNamingTheSetting() {
        assertThatThrownBy(() -> SlackNotifier.builder("ops")
                        .token(TOKEN)
                        .channelId("#general")
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("channel-id")
                .hasMessageContaining("#general");
        assertThatThrownBy(() -> SlackNotifier.builder("ops").channelId("C1").build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("token of channel 'ops'");
        assertThatThrownBy(() -> SlackNotifier.builder("ops")
                        .token(TOKEN)
                        .channelId("C0123456789")
                        .baseUrl("http://slack.example.org/api")
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("https");
    }

    private static void stubTopic(String topic) {
        wm.stubFor(get(urlPathEqualTo("/api/conversations.info"))
                .willReturn(okJson("{\"ok\":true,\"channel\":{\"id\":\"C0123456789\",\"name\":\"packit\","
                        + "\"is_channel\":true,\"topic\":{\"value\":\"" + topic + "\",\"creator\":\"U012AB3CDE\","
                        + "\"last_set\":1449709364},\"purpose\":{\"value\":\"\",\"creator\":\"\",\"last_set\":0}}}")));
    }
}
