package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.MastodonLength;
import io.releasekit.core.notify.Message;
import io.releasekit.notify.internal.Json;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MastodonNotifierTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String TOKEN = "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0";
    static final String KEY = "run-7:notify-packit-mastodon";
    static final String LONG_TEXT = "Packit in October 2025: " + "new features and fixes for everyone ".repeat(35)
            + "read more at https://packit.dev/posts/october-2025-" + "long-slug-".repeat(20);

    MastodonNotifier mastodon;

    @BeforeEach
    void setUp() {
        Fixtures.warmUp(wm.baseUrl());
        mastodon = MastodonNotifier.builder("packit-mastodon")
                .baseUrl(wm.baseUrl())
                .token(TOKEN)
                .visibility("unlisted")
                .timeout(Fixtures.TIMEOUT)
                .build();
    }

    @AfterEach
    void tearDown() {
        mastodon.close();
    }

    @Test
    void postsAShortAnnouncementAsOneStatusWithAnIdempotencyKey() {
        stubStatus(KEY + "-1", "109372843234", null);

        Delivery d = mastodon.post(Message.of("Packit deployed: new /packit koji-build options"), KEY);

        assertThat(d.ids()).containsExactly("109372843234");
        wm.verify(postRequestedFor(urlEqualTo("/api/v1/statuses"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Idempotency-Key", equalTo(KEY + "-1")));
        JsonNode body = Json.parseOrEmpty(requests().get(0).getBodyAsString());
        assertThat(Json.text(body, "status")).contains("Packit deployed: new /packit koji-build options");
        assertThat(Json.text(body, "visibility")).contains("unlisted");
        assertThat(body.get("in_reply_to_id")).isNull();
    }

    @Test
    void postsALongAnnouncementAsAThreadEachPostReplyingToThePrevious() {
        List<String> thread = mastodon.render(Message.of(LONG_TEXT));
        assertThat(thread).hasSize(3);
        for (int i = 0; i < thread.size(); i++) {
            stubStatus(KEY + "-" + (i + 1), "10" + (i + 1), i == 0 ? null : "10" + i);
        }

        Delivery d = mastodon.post(Message.of(LONG_TEXT), KEY);

        assertThat(d.ids()).containsExactly("101", "102", "103");
        List<LoggedRequest> sent = requests();
        assertThat(sent)
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly(KEY + "-1", KEY + "-2", KEY + "-3");
        List<JsonNode> bodies =
                sent.stream().map(r -> Json.parseOrEmpty(r.getBodyAsString())).toList();
        assertThat(bodies.get(0).get("in_reply_to_id")).isNull();
        assertThat(Json.text(bodies.get(1), "in_reply_to_id")).contains("101");
        assertThat(Json.text(bodies.get(2), "in_reply_to_id")).contains("102");
        for (int i = 0; i < 3; i++) {
            String status = Json.text(bodies.get(i), "status").orElseThrow();
            assertThat(status).isEqualTo(thread.get(i)).endsWith(" (" + (i + 1) + "/3)");
            assertThat(MastodonLength.count(status)).isLessThanOrEqualTo(500);
        }
    }

    @Test
    void aReplayOfAnInterruptedThreadResendsTheSameKeysAndContinues() {
        stubStatus(KEY + "-1", "101", null);
        wm.stubFor(post("/api/v1/statuses")
                .withHeader("Idempotency-Key", equalTo(KEY + "-2"))
                .willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> mastodon.post(Message.of(LONG_TEXT), KEY))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("post 2/3");

        // Mastodon answers a known Idempotency-Key with the status it created before
        stubStatus(KEY + "-2", "102", "101");
        stubStatus(KEY + "-3", "103", "102");
        Delivery d = mastodon.post(Message.of(LONG_TEXT), KEY);

        assertThat(d.ids()).containsExactly("101", "102", "103");
        assertThat(requests())
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactly(KEY + "-1", KEY + "-2", KEY + "-1", KEY + "-2", KEY + "-3");
    }

    @Test
    void translatesAValidationFailure() {
        wm.stubFor(post("/api/v1/statuses")
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Validation failed: Text character limit of 500 exceeded\"}")));

        assertThatThrownBy(() -> mastodon.post(Message.of("x"), KEY))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("character limit of 500");
    }

    @Test
    void translatesAnInvalidTokenWithoutShowingIt() {
        wm.stubFor(post("/api/v1/statuses")
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"The access token is invalid\"}")));

        assertThatThrownBy(() -> mastodon.post(Message.of("x"), KEY))
                .isInstanceOf(ChannelRejectedException.class)
                .hasMessageContaining("The access token is invalid")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void translatesARateLimitWithTheResetTime() {
        String reset = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5).toString();
        wm.stubFor(post("/api/v1/statuses")
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("X-RateLimit-Limit", "300")
                        .withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", reset)
                        .withBody("{\"error\":\"Too many requests\"}")));

        assertThatThrownBy(() -> mastodon.post(Message.of("x"), KEY))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                        .hasValueSatisfying(
                                d -> assertThat(d).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5))));
    }

    @Test
    void refusesAnUnknownVisibility() {
        assertThatThrownBy(() -> MastodonNotifier.builder("m")
                        .baseUrl("https://fosstodon.org")
                        .token(TOKEN)
                        .visibility("everyone")
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'everyone'");
    }

    private static void stubStatus(String key, String id, String inReplyTo) {
        wm.stubFor(post("/api/v1/statuses")
                .withHeader("Idempotency-Key", equalTo(key))
                .willReturn(okJson("{\"id\":\"" + id + "\",\"created_at\":\"2025-10-06T13:00:00.000Z\","
                        + "\"in_reply_to_id\":" + (inReplyTo == null ? "null" : "\"" + inReplyTo + "\"")
                        + ",\"sensitive\":false,\"spoiler_text\":\"\",\"visibility\":\"unlisted\","
                        + "\"uri\":\"https://fosstodon.example/users/packit/statuses/" + id + "\","
                        + "\"url\":\"https://fosstodon.example/@packit/" + id + "\","
                        + "\"content\":\"<p>...</p>\",\"account\":{\"id\":\"1\",\"username\":\"packit\"}}")));
    }

    private static List<LoggedRequest> requests() {
        return wm.findAll(postRequestedFor(urlEqualTo("/api/v1/statuses")));
    }
}
