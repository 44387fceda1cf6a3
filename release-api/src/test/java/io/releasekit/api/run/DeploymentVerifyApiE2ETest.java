package io.releasekit.api.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import io.releasekit.process.deploy.DeploymentVerifyProcess;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code deployment.verify} over REST against a {@code /api/system}-style status endpoint in WireMock: wrong commits
 * and server errors until the right one, a commit that never comes (time limit), a one-read staging check, and
 * refused parameters.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeploymentVerifyApiE2ETest implements TestPropertyProvider {

    static final String KIND = DeploymentVerifyProcess.KIND;
    static final String OLD = "0d5c7a3e1f2b4c6d8e9f0a1b2c3d4e5f6a7b8c9d";
    static final String NEW = "3f2a9c1e5b7d9f1a3c5e7b9d1f3a5c7e9b1d3f5a";
    static final String TOKEN = "status-reader-9f8e7d6c";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final WireMockServer STATUS = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        STATUS.start();
    }

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        try {
            p.put(
                    "releasekit.data-dir",
                    Files.createTempDirectory("releasekit-deploy-e2e").toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        p.put("releasekit.deployments.prod.url", STATUS.baseUrl() + "/api/system");
        p.put("releasekit.deployments.prod.token", TOKEN);
        p.put("releasekit.deployments.prod.components.packit-service", "/packit_service/commit");
        p.put("releasekit.deployments.prod.components.packit", "/packit/version");
        p.put("releasekit.services.deployment.max-attempts", "1");
        return p;
    }

    @AfterAll
    void stop() {
        STATUS.stop();
    }

    @BeforeEach
    void reset() {
        STATUS.resetAll();
        http = new RunsHttp(server.getURI());
        http.post("/api/v1/services/deployment:prod/reset", TestTokens.ADMIN, "");
    }

    static String system(String commit, String version) {
        return "{\"packit_service\":{\"commit\":\"" + commit + "\"},\"packit\":{\"version\":\"" + version + "\"}}";
    }

    Map<String, Object> verify(Map<String, Object> parameters) {
        return http.awaitState(
                (String) http.start(TestTokens.CI, KIND, parameters).get("id"), WAIT, "SUCCEEDED", "FAILED");
    }

    @Test
    void waitsThroughOldCommitsAndServerErrorsUntilEveryComponentReportsWhatIsExpected() {
        STATUS.stubFor(WireMock.get("/api/system")
                .inScenario("rollout")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(system(OLD, "0.98.0")))
                .willSetStateTo("down"));
        STATUS.stubFor(WireMock.get("/api/system")
                .inScenario("rollout")
                .whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(502))
                .willSetStateTo("up"));
        STATUS.stubFor(WireMock.get("/api/system")
                .inScenario("rollout")
                .whenScenarioStateIs("up")
                .willReturn(okJson(system(NEW, "0.99.0"))));

        Map<String, Object> done = verify(Map.of(
                "deployment",
                "prod",
                "expect",
                List.of("packit-service=" + NEW.substring(0, 7), "packit=0.99.0"),
                "intervalSeconds",
                1,
                "timeoutSeconds",
                20));

        assertThat(done.get("state")).as(String.valueOf(done)).isEqualTo("SUCCEEDED");
        Map<String, Object> step = RunsHttp.steps(done).get("verify:prod");
        assertThat(step.get("summary").toString())
                .contains("packit-service: " + NEW)
                .contains("3 reads");
        assertThat(STATUS.findAll(getRequestedFor(urlEqualTo("/api/system"))))
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(String.valueOf(done)).doesNotContain(TOKEN);
    }

    @Test
    void aCommitThatNeverComesFailsTheRunAtTheTimeLimitWithWhatWasReported() {
        STATUS.stubFor(WireMock.get("/api/system")
                .willReturn(okJson(system(OLD, "0.98.0")).withFixedDelay(200)));

        Map<String, Object> done = verify(Map.of(
                "deployment",
                "prod",
                "expect",
                List.of("packit-service=" + NEW),
                "intervalSeconds",
                1,
                "timeoutSeconds",
                3));

        assertThat(done.get("state")).isEqualTo("FAILED");
        assertThat(String.valueOf(done.get("reason")))
                .contains("verify:prod")
                .contains("within 3 s")
                .contains("packit-service: " + OLD + " (expected " + NEW + ")");
        assertThat(STATUS.findAll(getRequestedFor(urlEqualTo("/api/system"))).size())
                .isBetween(2, 5);
    }

    @Test
    void aStagingCheckReadsOnceAndFailsWhenAComponentReportsNothing() {
        STATUS.stubFor(
                WireMock.get("/api/system").willReturn(okJson("{\"packit_service\":{\"commit\":\"" + NEW + "\"}}")));

        Map<String, Object> done = verify(Map.of("deployment", "prod", "wait", false));

        assertThat(done.get("state")).isEqualTo("FAILED");
        assertThat(String.valueOf(done.get("reason"))).contains("packit: nothing (expected a value)");
        // one read when the run is planned (its dry run reads as the run will) and one when it runs: no wait
        STATUS.verify(2, getRequestedFor(urlEqualTo("/api/system")));
    }

    @Test
    void refusesAnExpectationWithoutValueAnUnknownComponentAndAnUnknownDeployment() {
        RunsHttp.Response bad = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(
                        Map.of("kind", KIND, "parameters", Map.of("deployment", "prod", "expect", List.of("packit")))));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
        assertThat(bad.json().get("detail").toString()).contains("'packit'");

        RunsHttp.Response unknownComponent = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(Map.of(
                        "kind", KIND, "parameters", Map.of("deployment", "prod", "expect", List.of("ogr=0.51.0")))));
        assertThat(unknownComponent.status()).as(unknownComponent.body()).isEqualTo(400);
        assertThat(unknownComponent.json().get("detail").toString())
                .contains("'ogr'")
                .contains("packit-service");

        RunsHttp.Response unknown = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(Map.of("kind", KIND, "parameters", Map.of("deployment", "stg"))));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("detail").toString()).contains("'stg'").contains("prod");
        assertThat(STATUS.getAllServeEvents()).isEmpty();
    }

    @Test
    void theServicesListShowTheDeploymentsBreaker() {
        RunsHttp.Response services = http.get("/api/v1/services", TestTokens.READER);
        assertThat(services.body()).contains("deployment:prod");
    }
}
