package io.releasekit.notify.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.redact.Redactor;
import io.releasekit.core.redact.Secret;
import io.releasekit.notify.ChannelRejectedException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The one status translation every chat adapter shares, as a table. */
class HttpErrorsTest {

    private static final String TOKEN = "tok-very-secret-123";
    private static final Redactor REDACTOR = Redactor.of(Secret.of(TOKEN, "token"));
    private static final String WHERE = "test post for channel 'ops'";

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "301, ChannelRejectedException, false",
        "302, ChannelRejectedException, false",
        "400, InvalidInputException, false",
        "422, InvalidInputException, false",
        "401, ChannelRejectedException, false",
        "403, ChannelRejectedException, false",
        "404, NotFoundException, false",
        "410, NotFoundException, false",
        "409, ConflictException, false",
        "418, ChannelRejectedException, false",
        "429, RateLimitedException, true",
        "500, ServiceUnavailableException, true",
        "502, ServiceUnavailableException, true",
        "503, ServiceUnavailableException, true",
        "504, ServiceUnavailableException, true"
    })
    void standardTableTranslatesEveryErrorStatus(int status, String exception, boolean retryable) {
        ReleaseException e = HttpErrors.standard("svc", REDACTOR).translate(reply(status, "nope " + TOKEN), WHERE);

        assertThat(e.getClass().getSimpleName()).isEqualTo(exception);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.getMessage()).startsWith(WHERE).doesNotContain(TOKEN);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
        "400, ChannelRejectedException",
        "401, ChannelRejectedException",
        "404, ChannelRejectedException",
        "409, ChannelRejectedException",
        "422, ChannelRejectedException",
        "429, RateLimitedException",
        "503, ServiceUnavailableException",
        "302, ChannelRejectedException"
    })
    void rejectingClientErrorsTreatsEvery4xxButRateLimitAsARefusal(int status, String exception) {
        ReleaseException e = HttpErrors.rejectingClientErrors("slack", REDACTOR).translate(reply(status, "x"), WHERE);

        assertThat(e.getClass().getSimpleName()).isEqualTo(exception);
    }

    @Test
    void overridesAndHintsChangeOnlyTheNamedStatuses() {
        HttpErrors errors = HttpErrors.rejectingClientErrors("slack", REDACTOR)
                .with(HttpErrors.Kind.NOT_FOUND, 404)
                .hint(HttpErrors.Kind.NOT_FOUND, "the webhook was removed");

        assertThat(errors.translate(reply(404, "no_service"), WHERE))
                .isInstanceOf(NotFoundException.class)
                .hasMessage(WHERE + " failed: HTTP 404 no_service (the webhook was removed)");
        assertThat(errors.translate(reply(410, "gone"), WHERE))
                .isInstanceOf(ChannelRejectedException.class)
                .hasMessage(WHERE + " failed: HTTP 410 gone");
    }

    @Test
    void refusesToMapSuccessRateLimitOrServerStatuses() {
        HttpErrors errors = HttpErrors.standard("svc", REDACTOR);

        assertThatThrownBy(() -> errors.with(HttpErrors.Kind.REJECTED, 429))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("429");
        assertThatThrownBy(() -> errors.with(HttpErrors.Kind.REJECTED, 503)).hasMessageContaining("503");
        assertThatThrownBy(() -> errors.translate(reply(200, "{}"), WHERE)).hasMessageContaining("200");
    }

    @Test
    void rateLimitCarriesTheWaitFromRetryAfterOrTheVendorsOwnField() {
        HttpReply limited = new HttpReply(
                429,
                "{\"retry_after_ms\":2500}",
                h -> h.equalsIgnoreCase("Retry-After") ? Optional.of("7") : Optional.empty());

        ReleaseException standard = HttpErrors.standard("svc", REDACTOR).translate(limited, WHERE);
        ReleaseException vendor = HttpErrors.standard("svc", REDACTOR)
                .waitFrom(r -> Optional.of(Duration.ofMillis(2500)))
                .translate(limited, WHERE);

        assertThat(standard).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) standard).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(standard.getMessage()).endsWith("retry after 7 s");
        assertThat(((RateLimitedException) vendor).retryAfter()).contains(Duration.ofMillis(2500));
    }

    @Test
    void redirectNamesTheTargetWithoutItsCredentials() {
        HttpReply redirect = new HttpReply(
                302,
                "",
                h -> h.equalsIgnoreCase("Location")
                        ? Optional.of("https://user:pw@evil.example/hooks/T000/B000/XXXX")
                        : Optional.empty());

        ReleaseException e = HttpErrors.standard("svc", REDACTOR).translate(redirect, WHERE);

        assertThat(e).isInstanceOf(ChannelRejectedException.class).hasMessageContaining("never followed");
        assertThat(e.getMessage()).doesNotContain("pw@").doesNotContain("XXXX");
    }

    static Stream<Arguments> transportFaults() {
        return Stream.of(
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE)),
                Arguments.of("garbage", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
                Arguments.of("time-out", aResponse().withStatus(200).withFixedDelay(2_000)));
    }

    @ParameterizedTest(name = "{0} -> retryable ServiceUnavailableException")
    @MethodSource("transportFaults")
    void transportFaultsOverARealSocketAreRetryableOutages(String fault, ResponseDefinitionBuilder response) {
        wm.stubFor(any(anyUrl()).willReturn(response));
        try (HttpChannel http =
                new HttpChannel("svc", java.net.URI.create(wm.baseUrl()), Duration.ofMillis(800), REDACTOR)) {
            assertThatThrownBy(() -> http.send(HttpCall.get("/x").bearerAuth(TOKEN), WHERE))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.service()).isEqualTo("svc");
                        assertThat(e.getMessage()).startsWith(WHERE).doesNotContain(TOKEN);
                    });
        }
    }

    @Test
    void everyKindHasItsException() {
        Map<HttpErrors.Kind, Class<?>> expected = Map.of(
                HttpErrors.Kind.INVALID_INPUT, InvalidInputException.class,
                HttpErrors.Kind.REJECTED, ChannelRejectedException.class,
                HttpErrors.Kind.NOT_FOUND, NotFoundException.class,
                HttpErrors.Kind.CONFLICT, ConflictException.class);
        expected.forEach((kind, type) -> assertThat(HttpErrors.rejectingClientErrors("svc", REDACTOR)
                        .with(kind, 418)
                        .translate(reply(418, "teapot"), WHERE))
                .isInstanceOf(type));
    }

    private static HttpReply reply(int status, String body) {
        return new HttpReply(status, body, h -> Optional.empty());
    }
}
