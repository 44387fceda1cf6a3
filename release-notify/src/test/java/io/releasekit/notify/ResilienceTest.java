package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Through the service guards: faults open the channel's breaker, and a healthy service closes it again. */
class ResilienceTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @BeforeEach
    void warmUp() {
        Fixtures.warmUp(wm.baseUrl());
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("503 burst", aResponse().withStatus(503).withBody("upstream unavailable")),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("slower than the time limit", okJson("{}").withFixedDelay(3_000)));
    }

    @ParameterizedTest(name = "slack: {0}")
    @MethodSource("faults")
    void slackBreakerOpensAndClosesAgain(String fault, ResponseDefinitionBuilder failure) {
        try (SlackNotifier slack = SlackNotifier.builder("ops-slack")
                .token("xoxb-resilience-token-123")
                .channelId("C0123456789")
                .baseUrl(wm.baseUrl() + "/api")
                .timeout(Fixtures.TIMEOUT)
                .build()) {
            opensThenRecovers(slack, failure, () -> {
                wm.stubFor(get(urlPathEqualTo("/api/conversations.history"))
                        .willReturn(okJson("{\"ok\":true,\"messages\":[]}")));
                wm.stubFor(post("/api/chat.postMessage").willReturn(okJson("{\"ok\":true,\"ts\":\"1.1\"}")));
                return "1.1";
            });
        }
    }

    @ParameterizedTest(name = "matrix: {0}")
    @MethodSource("faults")
    void matrixBreakerOpensAndClosesAgain(String fault, ResponseDefinitionBuilder failure) {
        try (MatrixNotifier matrix = MatrixNotifier.builder("packit-matrix")
                .baseUrl(wm.baseUrl())
                .token("syt_resilience_token_123")
                .roomId("!packit:fedora.im")
                .timeout(Fixtures.TIMEOUT)
                .build()) {
            opensThenRecovers(matrix, failure, () -> {
                wm.stubFor(put(urlPathMatching("/_matrix/client/v3/rooms/.*/send/m.room.message/.*"))
                        .willReturn(okJson("{\"event_id\":\"$ok:fedora.im\"}")));
                return "$ok:fedora.im";
            });
        }
    }

    @ParameterizedTest(name = "mastodon: {0}")
    @MethodSource("faults")
    void mastodonBreakerOpensAndClosesAgain(String fault, ResponseDefinitionBuilder failure) {
        try (MastodonNotifier mastodon = MastodonNotifier.builder("packit-mastodon")
                .baseUrl(wm.baseUrl())
                .token("mastodon-resilience-token-123")
                .timeout(Fixtures.TIMEOUT)
                .build()) {
            opensThenRecovers(mastodon, failure, () -> {
                wm.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"4711\"}")));
                return "4711";
            });
        }
    }

    @ParameterizedTest(name = "webhook: {0}")
    @MethodSource("faults")
    void webhookBreakerOpensAndClosesAgain(String fault, ResponseDefinitionBuilder failure) {
        try (WebhookNotifier hook = WebhookNotifier.builder("ci")
                .url(wm.baseUrl() + "/hook/secret-path-123")
                .secret("resilience-secret")
                .timeout(Fixtures.TIMEOUT)
                .build()) {
            opensThenRecovers(hook, failure, () -> {
                wm.stubFor(post("/hook/secret-path-123").willReturn(aResponse().withStatus(204)));
                return null;
            });
        }
    }

    private static void opensThenRecovers(Notifier notifier, ResponseDefinitionBuilder failure, Supplier<String> heal) {
        wm.stubFor(any(anyUrl()).willReturn(failure));
        AtomicInteger n = new AtomicInteger();
        try (ServiceGuards guards = Fixtures.fastGuards()) {
            String service = notifier.service();
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> guards.call(service, () -> notifier.post(Message.of("x"), "k" + n.get())))
                        .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                                .isEqualTo(service));
            }
            assertThat(guards.status(service).state()).isEqualTo(BreakerState.OPEN);
            int served = wm.getAllServeEvents().size();

            assertThatThrownBy(() -> guards.call(service, () -> notifier.post(Message.of("x"), "refused")))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.breakerState())
                            .contains("OPEN"));
            assertThat(wm.getAllServeEvents())
                    .as("an open breaker does not call the service")
                    .hasSize(served);

            wm.resetAll();
            String expectedId = heal.get();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(ServiceUnavailableException.class)
                    .untilAsserted(() -> {
                        Delivery d = guards.call(service, () -> notifier.post(Message.of("x"), "after"));
                        if (expectedId != null) {
                            assertThat(d.ids()).containsExactly(expectedId);
                        }
                    });
            assertThat(guards.status(service).state()).isNotEqualTo(BreakerState.OPEN);
        }
    }
}
