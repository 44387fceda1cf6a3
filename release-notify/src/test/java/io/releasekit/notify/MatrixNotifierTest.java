package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
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
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MatrixNotifierTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String TOKEN = "syt_cmVsZWFzZWtpdA_SeCrEtMaTrIxToKeN_1a2b3c";
    static final String ROOM = "/_matrix/client/v3/rooms/%21packit%3Afedora.im";
    static final String SEND = ROOM + "/send/m.room.message/run-7%3Anotify-packit-matrix";
    static final String TOPIC = ROOM + "/state/m.room.topic";

    MatrixNotifier matrix;

    @BeforeEach
    void setUp() {
        Fixtures.warmUp(wm.baseUrl());
        matrix = MatrixNotifier.builder("packit-matrix")
                .baseUrl(wm.baseUrl())
                .token(TOKEN)
                .roomId("!packit:fedora.im")
                .timeout(Fixtures.TIMEOUT)
                .build();
    }

    @AfterEach
    void tearDown() {
        matrix.close();
    }

    @Test
    void sendsAMessageEventWithTheTransactionIdInThePath() {
        wm.stubFor(put(urlEqualTo(SEND)).willReturn(okJson("{\"event_id\":\"$YUwRidLecu:fedora.im\"}")));

        Delivery d = matrix.post(Message.of("Packit Service is being redeployed"), "run-7:notify-packit-matrix");

        assertThat(d.ids()).containsExactly("$YUwRidLecu:fedora.im");
        wm.verify(putRequestedFor(urlEqualTo(SEND))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(
                        equalToJson("{\"msgtype\":\"m.text\",\"body\":\"Packit Service is being redeployed\"}")));
    }

    @Test
    void sendsMarkdownAsHtmlFormattedBodyBesideThePlainTextBody() {
        wm.stubFor(put(urlEqualTo(SEND)).willReturn(okJson("{\"event_id\":\"$html1:fedora.im\"}")));
        String markdown =
                """
                **Packit Service** was redeployed: [notes](https://packit.dev/posts/2025-10?a=1&b=2)

                - image `quay.io/packit/api:prod`
                - 2 workers
                """;

        matrix.post(Message.of("Packit Service was redeployed", markdown), "run-7:notify-packit-matrix");

        wm.verify(
                putRequestedFor(urlEqualTo(SEND))
                        .withRequestBody(
                                equalToJson(
                                        """
                        {"msgtype": "m.text",
                         "body": "Packit Service was redeployed",
                         "format": "org.matrix.custom.html",
                         "formatted_body": "<p><strong>Packit Service</strong> was redeployed: \
                        <a href=\\"https://packit.dev/posts/2025-10?a=1&amp;b=2\\">notes</a></p>\
                        <ul><li>image <code>quay.io/packit/api:prod</code></li><li>2 workers</li></ul>"}
                        """)));
    }

    @Test
    void escapesHtmlInTheMessageSoItCannotInjectMarkup() {
        wm.stubFor(put(urlEqualTo(SEND)).willReturn(okJson("{\"event_id\":\"$html2:fedora.im\"}")));
        String markdown = "<script>alert(1)</script> **<img src=x onerror=alert(2)>** "
                + "<a href=javascript:alert(3)>click</a> [me](javascript:alert(4)) "
                + "[ok](https://x.org/\"onmouseover=\"alert(5))";

        matrix.post(Message.of("release 1.2.3", markdown), "run-7:notify-packit-matrix");

        // a message that starts with a tag is an HTML block for CommonMark: all of it is shown escaped, as text
        wm.verify(
                putRequestedFor(urlEqualTo(SEND))
                        .withRequestBody(
                                equalToJson(
                                        """
                        {"msgtype": "m.text",
                         "body": "release 1.2.3",
                         "format": "org.matrix.custom.html",
                         "formatted_body": "<p>&lt;script&gt;alert(1)&lt;/script&gt; \
                        **&lt;img src=x onerror=alert(2)&gt;** \
                        &lt;a href=javascript:alert(3)&gt;click&lt;/a&gt; [me](javascript:alert(4)) \
                        [ok](https://x.org/&quot;onmouseover=&quot;alert(5))</p>"}
                        """)));
    }

    @Test
    void sendsNoFormattedBodyWithoutMarkdown() {
        wm.stubFor(put(urlEqualTo(SEND)).willReturn(okJson("{\"event_id\":\"$plain:fedora.im\"}")));

        matrix.post(Message.of("a <b>plain</b> text"), "run-7:notify-packit-matrix");

        wm.verify(putRequestedFor(urlEqualTo(SEND))
                .withRequestBody(equalToJson("{\"msgtype\":\"m.text\",\"body\":\"a <b>plain</b> text\"}")));
    }

    @Test
    void aReplayUsesTheSameTransactionIdSoTheHomeserverDedupesIt() {
        wm.stubFor(put(urlEqualTo(SEND)).willReturn(okJson("{\"event_id\":\"$YUwRidLecu:fedora.im\"}")));

        Delivery first = matrix.post(Message.of("deploying"), "run-7:notify-packit-matrix");
        Delivery replay = matrix.post(Message.of("deploying"), "run-7:notify-packit-matrix");

        wm.verify(2, putRequestedFor(urlEqualTo(SEND)));
        assertThat(replay.ids()).isEqualTo(first.ids());
    }

    @Test
    void readsTheRoomTopic() {
        wm.stubFor(get(urlEqualTo(TOPIC)).willReturn(okJson("{\"topic\":\"Packit | https://packit.dev\"}")));
        assertThat(matrix.topic()).isEqualTo(Topic.of("Packit | https://packit.dev"));
    }

    @Test
    void aRoomWithoutTopicHasTheEmptyTopic() {
        wm.stubFor(get(urlEqualTo(TOPIC))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Event not found.\"}")));
        assertThat(matrix.topic()).isEqualTo(Topic.none());
    }

    @Test
    void settingTheTopicReturnsThePreviousOne() {
        wm.stubFor(get(urlEqualTo(TOPIC)).willReturn(okJson("{\"topic\":\"Packit chat\"}")));
        wm.stubFor(put(urlEqualTo(TOPIC)).willReturn(okJson("{\"event_id\":\"$topic1:fedora.im\"}")));

        Topic previous = matrix.setTopic(Topic.of("⚠️ Production redeployment in progress ⚠️"));

        assertThat(previous.text()).isEqualTo("Packit chat");
        wm.verify(putRequestedFor(urlEqualTo(TOPIC))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalToJson("{\"topic\":\"⚠️ Production redeployment in progress ⚠️\"}", true, true)));
    }

    @Test
    void translatesLimitExceededWithRetryAfterMs() {
        wm.stubFor(put(urlEqualTo(SEND))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\":\"M_LIMIT_EXCEEDED\",\"error\":\"Too many requests\","
                                + "\"retry_after_ms\":2000}")));

        assertThatThrownBy(() -> matrix.post(Message.of("x"), "run-7:notify-packit-matrix"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(2)));
    }

    @Test
    void translatesAnUnknownTokenAndForbiddenToRejections() {
        wm.stubFor(get(urlEqualTo(TOPIC))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withBody("{\"errcode\":\"M_UNKNOWN_TOKEN\",\"error\":\"Invalid access token passed.\"}")));
        assertThatThrownBy(matrix::topic)
                .isInstanceOf(ChannelRejectedException.class)
                .hasMessageContaining("M_UNKNOWN_TOKEN")
                .hasMessageNotContaining(TOKEN);

        wm.stubFor(put(urlEqualTo(SEND))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody("{\"errcode\":\"M_FORBIDDEN\",\"error\":\"User not in room\"}")));
        assertThatThrownBy(() -> matrix.post(Message.of("x"), "run-7:notify-packit-matrix"))
                .isInstanceOf(ChannelRejectedException.class)
                .hasMessageContaining("User not in room");
    }

    @Test
    void translatesAMissingRoomToNotFound() {
        wm.stubFor(put(urlEqualTo(SEND))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withBody("{\"errcode\":\"M_NOT_FOUND\",\"error\":\"Unknown room\"}")));
        assertThatThrownBy(() -> matrix.post(Message.of("x"), "run-7:notify-packit-matrix"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void translatesServiceFaults() {
        wm.stubFor(get(urlEqualTo(TOPIC)).willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(matrix::topic).isInstanceOf(ServiceUnavailableException.class);

        wm.stubFor(get(urlEqualTo(TOPIC)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThatThrownBy(matrix::topic).isInstanceOf(ServiceUnavailableException.class);

        wm.stubFor(get(urlEqualTo(TOPIC)).willReturn(okJson("{\"topic\":\"x\"}").withFixedDelay(3_000)));
        assertThatThrownBy(matrix::topic)
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                        .isEqualTo("matrix"));
    }

    @Test
    void refusesARoomAliasInsteadOfAnId() {
        assertThatThrownBy(() -> MatrixNotifier.builder("m")
                        .baseUrl("https://matrix.example.org")
                        .token(TOKEN)
                        .roomId("#packit:fedora.im")
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("room-id")
                .hasMessageContaining("#packit:fedora.im");
    }
}
