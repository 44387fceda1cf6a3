package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.notify.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SlackWebhookNotifierTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";

    SlackWebhookNotifier hook;

    @BeforeEach
    void setUp() {
        Fixtures.warmUp(wm.baseUrl());
        hook = SlackWebhookNotifier.builder("ops-hook")
                .url(wm.baseUrl() + PATH)
                .timeout(Fixtures.TIMEOUT)
                .build();
    }

    @AfterEach
    void tearDown() {
        hook.close();
    }

    @Test
    void postsTheTextToTheWebhook() {
        wm.stubFor(post(PATH).willReturn(ok("ok")));

        hook.post(Message.of("Deployed <1.4.0>"), "k");

        wm.verify(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(equalToJson("{\"text\":\"Deployed &lt;1.4.0&gt;\"}")));
    }

    @Test
    void translatesARemovedWebhookWithoutShowingItsPath() {
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(404).withBody("no_service")));

        assertThatThrownBy(() -> hook.post(Message.of("x"), "k"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no_service")
                .hasMessageContaining("'ops-hook'")
                .hasMessageNotContaining("XXXXXXXX")
                .hasMessageNotContaining("B00000000");
    }

    @Test
    void translatesAnInvalidPayload() {
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withBody("invalid_payload")));
        assertThatThrownBy(() -> hook.post(Message.of("x"), "k"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("invalid_payload");
    }

    @Test
    void neverFollowsARedirect() {
        elsewhere.stubFor(post("/steal").willReturn(ok()));
        wm.stubFor(post(PATH)
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://127.0.0.2:" + elsewhere.getPort() + "/steal")));

        assertThatThrownBy(() -> hook.post(Message.of("x"), "k")).isInstanceOf(ChannelRejectedException.class);
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusesAPlainHttpUrlToARemoteHostWithoutShowingThePath() {
        assertThatThrownBy(() -> SlackWebhookNotifier.builder("ops")
                        .url("http://hooks.slack.com" + PATH)
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("https")
                .hasMessageContaining("http://hooks.slack.com/****")
                .hasMessageNotContaining("XXXXXXXX");
    }
}
