package io.releasekit.notify.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.redact.Redactor;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the one HTTP client of the chat adapters does with answers that never end, are too large or are garbage. */
class HttpChannelTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private HttpChannel channel(Duration timeout) {
        return new HttpChannel("slack", URI.create(wm.baseUrl() + "/api"), timeout, Redactor.none());
    }

    @Test
    void readsAWholeAnswerWithItsStatusAndHeaders() {
        wm.stubFor(any(anyUrl())
                .willReturn(aResponse().withStatus(201).withHeader("X-Id", "7").withBody("{\"ok\":true}")));

        HttpReply reply = channel(Duration.ofSeconds(5)).send(HttpCall.get("/api/x"), "test call");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.body()).isEqualTo("{\"ok\":true}");
        assertThat(reply.header("X-Id")).contains("7");
    }

    @Test
    void aBodyThatStallsAfterTheHeadersFailsWithinTwiceTheTimeLimitInsteadOfHanging() {
        // headers at once, then the body dribbles in over 20 s: the request's own timeout no longer applies
        wm.stubFor(any(anyUrl())
                .willReturn(
                        aResponse().withStatus(200).withBody("x".repeat(4000)).withChunkedDribbleDelay(40, 20_000)));
        long start = System.nanoTime();

        assertThatThrownBy(() -> channel(Duration.ofSeconds(2)).send(HttpCall.get("/api/x"), "test call"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("answer within PT2S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aMalformedChunkIsAServiceFailureNotAHang() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        assertThatThrownBy(() -> channel(Duration.ofSeconds(1)).send(HttpCall.get("/api/x"), "test call"))
                .isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void anAnswerOverFourMebibytesIsRefusedWithoutKeepingIt() {
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(new byte[4 * 1024 * 1024 + 1])));

        assertThatThrownBy(() -> channel(Duration.ofSeconds(10)).send(HttpCall.get("/api/x"), "test call"))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("larger than 4194304 bytes");
    }
}
