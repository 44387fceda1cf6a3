package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.notify.ChannelOutcome;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.NotifyResult;
import io.releasekit.core.service.ServiceGuards;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AnnounceTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void threeChannelsOneFailingGiveTwoDeliveredAndOneFailedOutcome() {
        Fixtures.warmUp(wm.baseUrl());
        wm.stubFor(get(urlPathEqualTo("/slack/api/conversations.history"))
                .willReturn(okJson("{\"ok\":true,\"messages\":[],\"has_more\":false}")));
        wm.stubFor(post("/slack/api/chat.postMessage")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1700000001.000200\"}")));
        wm.stubFor(put(urlPathMatching("/_matrix/client/v3/rooms/.*"))
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
        wm.stubFor(post("/api/v1/statuses").willReturn(okJson("{\"id\":\"109372843234\"}")));

        try (ServiceGuards guards = Fixtures.fastGuards();
                Notifiers channels = Channels.registry(
                        List.of(
                                ChannelSpec.builder("ops-slack", "slack")
                                        .token("xoxb-announce-test-token")
                                        .channelId("C0123456789")
                                        .baseUrl(wm.baseUrl() + "/slack/api")
                                        .timeout(Fixtures.TIMEOUT)
                                        .build(),
                                ChannelSpec.builder("packit-matrix", "matrix")
                                        .baseUrl(wm.baseUrl())
                                        .token("syt_announce_test_token")
                                        .roomId("!packit:fedora.im")
                                        .timeout(Fixtures.TIMEOUT)
                                        .build(),
                                ChannelSpec.builder("packit-mastodon", "mastodon")
                                        .baseUrl(wm.baseUrl())
                                        .token("mastodon-announce-test-token")
                                        .timeout(Fixtures.TIMEOUT)
                                        .build()),
                        guards)) {

            NotifyResult r = channels.announce(
                    List.of("ops-slack", "packit-matrix", "packit-mastodon"),
                    Message.of("Packit Service deployed"),
                    "deploy-2025-10-06");

            assertThat(r.outcomes())
                    .extracting(ChannelOutcome::channel)
                    .containsExactly("ops-slack", "packit-matrix", "packit-mastodon");
            assertThat(r.outcome("ops-slack").orElseThrow().ids()).containsExactly("1700000001.000200");
            assertThat(r.outcome("packit-mastodon").orElseThrow().ids()).containsExactly("109372843234");
            ChannelOutcome matrix = r.outcome("packit-matrix").orElseThrow();
            assertThat(matrix.status()).isEqualTo(ChannelOutcome.Status.FAILED);
            assertThat(matrix.error()).contains("502").contains("'packit-matrix'");
            assertThat(matrix.retryable()).isTrue();
            assertThat(r.notDelivered()).containsExactly(matrix);
        }
    }
}
