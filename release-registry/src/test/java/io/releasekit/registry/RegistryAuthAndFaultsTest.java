package io.releasekit.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.redact.Secret;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The challenge flows of Docker Hub, Quay and GHCR (WireMock playing registry and token server with their real
 * headers), and faults through the service guard.
 */
class RegistryAuthAndFaultsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String TAGS = "/v2/packit/packit-service/tags/list";

    private OciImageRegistry registry(RegistryCredentials credentials) {
        return OciImageRegistry.builder("quay", URI.create(wm.baseUrl()))
                .credentials(credentials)
                .timeout(Duration.ofSeconds(2))
                .build();
    }

    @Test
    void followsTheBearerChallengeWithBasicCredentialsAtTheTokenServer() {
        String challenge = "Bearer realm=\"" + wm.baseUrl() + "/v2/auth\",service=\"quay.io\","
                + "scope=\"repository:packit/packit-service:pull\"";
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .withHeader("Authorization", absent())
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("WWW-Authenticate", challenge)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"access to the requested "
                                + "resource is not authorized\",\"detail\":null}]}")));
        wm.stubFor(get(urlPathEqualTo("/v2/auth"))
                .withBasicAuth("packit+ci", "robot-secret-123")
                .willReturn(okJson("{\"token\":\"eyJ0eXAi.quay-token\"}")));
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .withHeader("Authorization", equalTo("Bearer eyJ0eXAi.quay-token"))
                .willReturn(okJson("{\"name\":\"packit/packit-service\",\"tags\":[\"stable\",\"prod\"]}")));
        OciImageRegistry r = registry(RegistryCredentials.basic("packit+ci", Secret.of("robot-secret-123", "t")));

        assertThat(r.listTags("packit/packit-service")).containsExactly("stable", "prod");
        assertThat(r.listTags("packit/packit-service")).hasSize(2);

        wm.verify(
                1,
                getRequestedFor(urlPathEqualTo("/v2/auth"))
                        .withQueryParam("service", equalTo("quay.io"))
                        .withQueryParam("scope", equalTo("repository:packit/packit-service:pull")));
        wm.verify(1, getRequestedFor(urlPathEqualTo(TAGS)).withHeader("Authorization", absent()));
    }

    @Test
    void anonymousPullGetsAnAnonymousTokenAsOnDockerHub() {
        wm.stubFor(
                get(urlPathEqualTo("/v2/library/debian/tags/list"))
                        .withHeader("Authorization", absent())
                        .willReturn(
                                aResponse()
                                        .withStatus(401)
                                        .withHeader(
                                                "WWW-Authenticate",
                                                "Bearer realm=\"" + wm.baseUrl()
                                                        + "/token\",service=\"registry.docker.io\",scope=\"repository:library/debian:pull\"")));
        wm.stubFor(get(urlPathEqualTo("/token"))
                .withHeader("Authorization", absent())
                .willReturn(okJson("{\"token\":\"anon\",\"access_token\":\"anon\",\"expires_in\":300}")));
        wm.stubFor(get(urlPathEqualTo("/v2/library/debian/tags/list"))
                .withHeader("Authorization", equalTo("Bearer anon"))
                .willReturn(okJson("{\"name\":\"library/debian\",\"tags\":[\"12.5\"]}")
                        .withHeader("Link", "</v2/library/debian/tags/list?last=12.5&n=1000>; rel=\"next\"")));
        wm.stubFor(get(urlPathEqualTo("/v2/library/debian/tags/list"))
                .withQueryParam("last", equalTo("12.5"))
                .withHeader("Authorization", equalTo("Bearer anon"))
                .willReturn(okJson("{\"name\":\"library/debian\",\"tags\":[\"bookworm\"]}")));

        assertThat(registry(RegistryCredentials.anonymous()).listTags("library/debian"))
                .containsExactly("12.5", "bookworm");
    }

    @Test
    void answersABasicChallengeWithBasicCredentials() {
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"Registry\"")));
        wm.stubFor(
                get(urlPathEqualTo(TAGS)).withBasicAuth("ci", "pw-456").willReturn(okJson("{\"tags\":[\"1.0.0\"]}")));

        assertThat(registry(RegistryCredentials.basic("ci", Secret.of("pw-456", "t")))
                        .listTags("packit/packit-service"))
                .containsExactly("1.0.0");
    }

    @Test
    void followsABlobRedirectToStorageWithoutTheRegistrysCredentials() throws Exception {
        String blob = "/v2/packit/packit-service/blobs/sha256:" + "a".repeat(64);
        wm.stubFor(get(urlPathEqualTo(blob))
                .withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"Registry\"")));
        wm.stubFor(get(urlPathEqualTo(blob))
                .withBasicAuth("ci", "pw-456")
                .willReturn(aResponse()
                        .withStatus(307)
                        .withHeader("Location", wm.baseUrl() + "/storage/sha256/aa/data?X-Amz-Signature=abc")));
        wm.stubFor(get(urlPathEqualTo("/storage/sha256/aa/data"))
                .withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(200).withBody("layer bytes")));
        OciImageRegistry r = registry(RegistryCredentials.basic("ci", Secret.of("pw-456", "t")));

        try (java.io.InputStream in = r.openBlob(
                "packit/packit-service", io.releasekit.core.image.ImageDigest.of("sha256:" + "a".repeat(64)))) {
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("layer bytes");
        }
        wm.verify(1, getRequestedFor(urlPathEqualTo("/storage/sha256/aa/data")).withHeader("Authorization", absent()));
    }

    @Test
    void refusedCredentialsAreNotPermittedAndNeverShowTheSecret() {
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader(
                                "WWW-Authenticate",
                                "Bearer realm=\"" + wm.baseUrl() + "/v2/auth\",service=\"quay.io\"")));
        wm.stubFor(get(urlPathEqualTo("/v2/auth"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"Invalid Username or Password\"}")));

        assertThatThrownBy(() -> registry(RegistryCredentials.basic("ci", Secret.of("wrong-secret-789", "t")))
                        .listTags("packit/packit-service"))
                .isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("Invalid Username or Password")
                .hasMessageNotContaining("wrong-secret-789");
    }

    @Test
    void rateLimitCarriesTheRetryAfterAndIsNotRetried() {
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "42")
                        .withBody("{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}")));
        try (ServiceGuards guards = ServiceGuards.withDefaults()) {
            ImageRegistry r = ImageRegistries.of(Map.of("quay", registry(RegistryCredentials.anonymous())), guards)
                    .get("quay");

            assertThatThrownBy(() -> r.listTags("packit/packit-service"))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(42));
                        assertThat(e.service()).isEqualTo(r.service());
                    });
            wm.verify(1, getRequestedFor(urlPathEqualTo(TAGS)));
            assertThat(guards.status(r.service()).state()).isEqualTo(BreakerState.CLOSED);
        }
    }

    @Test
    void aFlaky5xxIsRetriedByTheGuardAndSucceeds() {
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"errors\":[{\"code\":\"UNAVAILABLE\"}]}"))
                .willSetStateTo("reset"));
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .inScenario("flaky")
                .whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("ok"));
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .inScenario("flaky")
                .whenScenarioStateIs("ok")
                .willReturn(okJson("{\"tags\":[\"stable\"]}")));
        try (ServiceGuards guards = ServiceGuards.builder()
                .service(
                        "registry",
                        GuardConfig.defaults()
                                .withMaxAttempts(3)
                                .withWaits(Duration.ofSeconds(30), Duration.ofMillis(10)))
                .build()) {
            ImageRegistry r = ImageRegistries.of(Map.of("quay", registry(RegistryCredentials.anonymous())), guards)
                    .get("quay");

            assertThat(r.listTags("packit/packit-service")).containsExactly("stable");
            wm.verify(3, getRequestedFor(urlPathEqualTo(TAGS)));
        }
    }

    @Test
    void persistentFailuresOpenTheRegistrysBreaker() {
        wm.stubFor(get(urlPathEqualTo(TAGS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        try (ServiceGuards guards = ServiceGuards.builder()
                .service(
                        "registry",
                        GuardConfig.defaults()
                                .withMaxAttempts(1)
                                .withWindow(2, 2)
                                .withWaits(Duration.ofSeconds(30), Duration.ofMillis(10)))
                .build()) {
            ImageRegistry r = ImageRegistries.of(Map.of("quay", registry(RegistryCredentials.anonymous())), guards)
                    .get("quay");
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> r.listTags("packit/packit-service"))
                        .isInstanceOf(ServiceUnavailableException.class);
            }

            assertThatThrownBy(() -> r.listTags("packit/packit-service"))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.breakerState())
                            .contains("OPEN"));
            assertThat(guards.status(r.service()).state()).isEqualTo(BreakerState.OPEN);
            wm.verify(2, getRequestedFor(urlPathEqualTo(TAGS)));
        }
    }
}
