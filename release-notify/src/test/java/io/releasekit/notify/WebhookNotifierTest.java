package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.notify.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookNotifierTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @RegisterExtension
    static WireMockExtension elsewhere = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String SECRET = "whsec-4c1f6b0e-shared-between-both-ends";
    static final String PATH = "/hooks/release/T0k3nInPath";
    static final Instant NOW = Instant.parse("2025-10-06T13:00:00Z");

    WebhookNotifier hook;

    @BeforeEach
    void setUp() {
        Fixtures.warmUp(wm.baseUrl());
        hook = WebhookNotifier.builder("ci")
                .url(wm.baseUrl() + PATH)
                .secret(SECRET)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .timeout(Fixtures.TIMEOUT)
                .build();
    }

    @AfterEach
    void tearDown() {
        hook.close();
    }

    @Test
    void signsTheRawBodyWithHmacSha256AndATimestampThatTheBodyRepeats() throws Exception {
        wm.stubFor(post(PATH).willReturn(ok()));

        Delivery d = hook.post(Message.of("Released 1.4.0", "**Released** 1.4.0"), "run-7:notify-ci");

        assertThat(d.ids()).containsExactly("run-7:notify-ci");
        LoggedRequest r = wm.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        byte[] raw = r.getBody();
        // verified independently of the production code, with the JDK's HMAC
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(raw));
        assertThat(r.getHeader("X-Releasekit-Signature-256")).isEqualTo(expected);
        assertThat(r.getHeader("X-Releasekit-Timestamp")).isEqualTo(String.valueOf(NOW.getEpochSecond()));
        assertThat(r.getHeader("X-Releasekit-Delivery")).isEqualTo("run-7:notify-ci");
        assertThat(r.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = Json.parseOrEmpty(new String(raw, StandardCharsets.UTF_8));
        assertThat(Json.text(body, "id")).contains("run-7:notify-ci");
        assertThat(Json.text(body, "event")).contains("announcement");
        assertThat(Json.text(body, "channel")).contains("ci");
        assertThat(Json.text(body, "text")).contains("Released 1.4.0");
        assertThat(Json.text(body, "markdown")).contains("**Released** 1.4.0");
        assertThat(body.get("timestamp").asLong()).isEqualTo(NOW.getEpochSecond());

        byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
        Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;
        String sig = r.getHeader("X-Releasekit-Signature-256");
        String ts = r.getHeader("X-Releasekit-Timestamp");
        long bodyTs = body.get("timestamp").asLong();
        assertThat(WebhookSignature.verify(key, raw, sig, ts, bodyTs, NOW.plusSeconds(60), tolerance))
                .isTrue();
        byte[] tampered = new String(raw, StandardCharsets.UTF_8)
                .replace("1.4.0", "6.6.6")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(key, tampered, sig, ts, bodyTs, NOW, tolerance))
                .isFalse();
        assertThat(WebhookSignature.verify(key, raw, sig, ts, bodyTs, NOW.plusSeconds(600), tolerance))
                .as("a replay ten minutes later")
                .isFalse();
        assertThat(WebhookSignature.verify(
                        key, raw, sig, String.valueOf(NOW.getEpochSecond() + 300), bodyTs, NOW, tolerance))
                .as("a timestamp header that the signed body does not repeat")
                .isFalse();
        assertThat(WebhookSignature.verify(
                        "other".getBytes(StandardCharsets.UTF_8), raw, sig, ts, bodyTs, NOW, tolerance))
                .isFalse();
    }

    @Test
    void aReplaySendsTheSameDeliveryIdForTheReceiverToDropIt() {
        wm.stubFor(post(PATH).willReturn(ok()));

        hook.post(Message.of("x"), "run-7:notify-ci");
        hook.post(Message.of("x"), "run-7:notify-ci");

        List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(sent).extracting(r -> r.getHeader("X-Releasekit-Delivery")).containsOnly("run-7:notify-ci");
    }

    @Test
    void withoutASecretSendsNoSignature() {
        wm.stubFor(post(PATH).willReturn(ok()));
        try (WebhookNotifier unsigned =
                WebhookNotifier.builder("open").url(wm.baseUrl() + PATH).build()) {
            unsigned.post(Message.of("x"), "k");
        }
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).containsHeader("X-Releasekit-Signature-256"))
                .isFalse();
    }

    @Test
    void neverFollowsARedirectToAnotherHost() {
        elsewhere.stubFor(post("/collect").willReturn(ok()));
        String target = "http://127.0.0.2:" + elsewhere.getPort() + "/collect";
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(302).withHeader("Location", target)));

        assertThatThrownBy(() -> hook.post(Message.of("x"), "k"))
                .isInstanceOf(ChannelRejectedException.class)
                .hasMessageContaining("302")
                .hasMessageContaining("never followed");
        assertThat(elsewhere.getAllServeEvents()).isEmpty();
    }

    @Test
    void eachWebhookHasItsOwnServiceName() {
        wm.stubFor(post(PATH).willReturn(aResponse().withStatus(500)));
        assertThat(hook.service()).isEqualTo("webhook:ci");
        assertThatThrownBy(() -> hook.post(Message.of("x"), "k"))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                        .isEqualTo("webhook:ci"));
    }
}
