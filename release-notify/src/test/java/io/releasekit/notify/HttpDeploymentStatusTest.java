package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.deploy.ComponentExpectation;
import io.releasekit.core.deploy.DeploymentOutcome;
import io.releasekit.core.deploy.DeploymentStatus;
import io.releasekit.core.deploy.DeploymentStatuses;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.deploy.StatusSnapshot;
import io.releasekit.core.service.ServiceGuards;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The status endpoint of a deployment in WireMock, shaped like Packit's {@code /api/system}. */
class HttpDeploymentStatusTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    static final String OLD = "0d5c7a3e1f2b4c6d8e9f0a1b2c3d4e5f6a7b8c9d";
    static final String NEW = "3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a";
    static final String TOKEN = "status-token-8c2e4f6a";

    ServiceGuards guards;
    DeploymentWaiter waiter;

    static String system(String serviceCommit, String packitVersion) {
        return "{\"packit_service\":{\"commit\":\"" + serviceCommit + "\",\"version\":\"0.104.0\"},"
                + "\"packit\":{\"commit\":\"" + serviceCommit.substring(0, 7) + "\",\"version\":" + packitVersion
                + "},\"ogr\":{\"commit\":null,\"version\":\"0.51.0\"}}";
    }

    @BeforeEach
    void setUp() {
        Fixtures.warmUp(wm.baseUrl());
        guards = Fixtures.fastGuards();
        waiter = new DeploymentWaiter(Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        waiter.close();
        guards.close();
    }

    DeploymentStatus prod() {
        HttpDeploymentStatus raw = HttpDeploymentStatus.builder("prod")
                .url(wm.baseUrl() + "/api/system")
                .components(Map.of("packit-service", "/packit_service/commit"))
                .component("packit", "/packit/version")
                .component("ogr", "/ogr/commit")
                .token(TOKEN)
                .timeout(Fixtures.TIMEOUT)
                .build();
        return DeploymentStatuses.of(Map.of("prod", raw), guards).get("prod");
    }

    @Test
    void readsEachComponentByItsJsonPointer() {
        wm.stubFor(get("/api/system").willReturn(okJson(system(NEW, "\"0.99.0\""))));

        StatusSnapshot s = prod().read();

        assertThat(s.value("packit-service")).contains(NEW);
        assertThat(s.value("packit")).contains("0.99.0");
        assertThat(s.value("ogr")).isEmpty(); // null is nothing reported
        assertThatThrownBy(() -> s.value("fedmsg"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("fedmsg");
        wm.verify(getRequestedFor(urlEqualTo("/api/system"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void aNumberIsReadAsItsJsonText() {
        wm.stubFor(get("/api/system").willReturn(okJson(system(NEW, "104"))));

        assertThat(prod().read().value("packit")).contains("104");
    }

    @Test
    void aServerErrorIsARetryableOutageOfTheDeploymentService() {
        wm.stubFor(get("/api/system").willReturn(aResponse().withStatus(503).withBody("upstream " + TOKEN)));

        assertThatThrownBy(() -> prod().read())
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.service()).isEqualTo("deployment:prod");
                })
                .hasMessageContaining("HTTP 503")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aMaintenancePageIsNotAStatus() {
        wm.stubFor(
                get("/api/system").willReturn(aResponse().withStatus(200).withBody("<html>we are redeploying</html>")));

        assertThatThrownBy(() -> prod().read())
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("without a JSON object");
    }

    @Test
    void aMissingEndpointIsNotFoundAndNotRetried() {
        wm.stubFor(get("/api/system").willReturn(aResponse().withStatus(404)));

        assertThatThrownBy(() -> prod().read()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void refusesABadPointerAndPlainHttpElsewhere() {
        assertThatThrownBy(() -> HttpDeploymentStatus.builder("prod")
                        .url(wm.baseUrl())
                        .component("packit", "packit/commit")
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'packit/commit'");
        assertThatThrownBy(() -> HttpDeploymentStatus.builder("prod")
                        .url("http://prod.packit.dev/api/system")
                        .component("packit", "/packit/commit")
                        .build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("https");
        assertThatThrownBy(() ->
                        HttpDeploymentStatus.builder("prod").url(wm.baseUrl()).build())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("names no component");
    }

    @Test
    void waitsThroughWrongVersionsServerErrorsAndDelaysUntilTheExpectedCommit() throws Exception {
        // given: the old commit, then a restarting deployment (503, then too slow), then the new commit
        String s = "rollout";
        wm.stubFor(get("/api/system")
                .inScenario(s)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(system(OLD, "\"0.98.0\"")))
                .willSetStateTo("restarting"));
        wm.stubFor(get("/api/system")
                .inScenario(s)
                .whenScenarioStateIs("restarting")
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("slow"));
        wm.stubFor(get("/api/system")
                .inScenario(s)
                .whenScenarioStateIs("slow")
                .willReturn(okJson(system(OLD, "\"0.98.0\"")).withFixedDelay(3500))
                .willSetStateTo("new"));
        wm.stubFor(get("/api/system")
                .inScenario(s)
                .whenScenarioStateIs("new")
                .willReturn(okJson(system(NEW, "\"0.99.0\""))));

        // when
        DeploymentOutcome o = waiter.await(
                prod(),
                List.of(ComponentExpectation.of("packit-service", NEW), ComponentExpectation.of("packit", "0.99.0")),
                Duration.ofSeconds(20),
                Duration.ofMillis(100),
                e -> {});

        // then
        assertThat(o).isInstanceOfSatisfying(DeploymentOutcome.Verified.class, v -> {
            // the 503 and the time-out opened the breaker: the reads while it was open never reached the server
            assertThat(v.polls()).isGreaterThan(4);
            assertThat(v.evaluation().describe()).contains("packit-service: " + NEW);
        });
        assertThat(wm.getAllServeEvents()).hasSize(4);
    }

    @Test
    void aShortHashMatchesTheFullCommit() throws Exception {
        wm.stubFor(get("/api/system").willReturn(okJson(system(NEW, "\"0.99.0\""))));

        DeploymentOutcome o = waiter.await(
                prod(),
                List.of(ComponentExpectation.of("packit-service", NEW.substring(0, 8))),
                Duration.ofSeconds(5),
                Duration.ofMillis(100),
                e -> {});

        assertThat(o).isInstanceOf(DeploymentOutcome.Verified.class);
    }

    @Test
    void aDeploymentThatNeverReportsTheCommitTimesOutSayingWhatItReported() throws Exception {
        wm.stubFor(get("/api/system").willReturn(okJson(system(OLD, "\"0.98.0\""))));

        long started = System.nanoTime();
        DeploymentOutcome o = waiter.await(
                prod(),
                List.of(ComponentExpectation.of("packit-service", NEW), ComponentExpectation.anyValue("ogr")),
                Duration.ofMillis(1200),
                Duration.ofMillis(200),
                e -> {});

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isBetween(Duration.ofMillis(1100), Duration.ofSeconds(5));
        assertThat(o).isInstanceOfSatisfying(DeploymentOutcome.TimedOut.class, t -> {
            assertThat(t.polls()).isBetween(4, 8);
            assertThat(t.describe())
                    .contains("packit-service: " + OLD + " (expected " + NEW + ")")
                    .contains("ogr: nothing (expected a value)");
        });
    }

    @Test
    void aDeploymentThatStaysDownTimesOutWithTheLastError() throws Exception {
        wm.stubFor(get("/api/system").willReturn(aResponse().withStatus(502)));

        DeploymentOutcome o = waiter.await(
                prod(),
                List.of(ComponentExpectation.of("packit-service", NEW)),
                Duration.ofSeconds(1),
                Duration.ofMillis(150),
                e -> {});

        assertThat(o).isInstanceOfSatisfying(DeploymentOutcome.TimedOut.class, t -> {
            assertThat(t.last()).isEmpty();
            assertThat(t.describe()).contains("never answered").contains("deployment:prod");
        });
    }

    @Test
    void aNonRetryableFailureEndsTheWaitAtOnce() {
        wm.stubFor(get("/api/system").willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> waiter.await(
                        prod(),
                        List.of(ComponentExpectation.of("packit-service", NEW)),
                        Duration.ofMinutes(5),
                        Duration.ofMillis(100),
                        e -> {}))
                .isInstanceOf(ChannelRejectedException.class)
                .hasMessageContaining("HTTP 403");
        assertThat(Optional.of(wm.getAllServeEvents().size())).contains(1);
    }
}
