package io.releasekit.api.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.run.Preflight;
import io.releasekit.core.run.PreflightResult;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.TestRelease;
import io.releasekit.core.testkit.TestStepContext;
import io.releasekit.process.artifact.EmergencyPublishProcess;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = "artifacts-fs")
class ArtifactsApiTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    FsArtifactStoresFactory.Root root;

    @Inject
    List<ProcessDefinition> processes;

    @Inject
    ServiceGuards guards;

    @Inject
    io.releasekit.core.artifact.promotion.GateLedger ledgerTable;

    @Inject
    io.releasekit.api.persistence.JdbcGateLedger jdbcGates;

    @Test
    void verifiesALocationAndReportsEachArtifact() throws IOException {
        Path rel = TestRelease.of(3).writeTo(root.path().resolve("artifacts/v1"));
        Files.writeString(rel.resolve("artifact-1.bin"), "tampered");
        Files.writeString(rel.resolve("stray.txt"), "x");

        Map<String, Object> r =
                json(HttpRequest.POST("/api/v1/artifacts/verify", Map.of("store", "artifacts", "prefix", "v1/")));

        assertThat(r).containsEntry("passed", false).containsEntry("algorithm", "sha256");
        assertThat((List<Map<String, Object>>) r.get("artifacts"))
                .extracting(a -> a.get("name") + "=" + a.get("status"))
                .containsExactly(
                        "artifact-0.bin=OK",
                        "artifact-1.bin=DIGEST_MISMATCH",
                        "artifact-2.bin=OK",
                        "stray.txt=UNEXPECTED");
    }

    @Test
    void verifiesAgainstAnUploadedManifest() {
        TestRelease release = TestRelease.of(2);
        release.writeTo(root.path().resolve("artifacts/v2"));
        String uploaded = new String(release.manifest(DigestAlgorithm.SHA256).toJson());

        Map<String, Object> r = json(HttpRequest.POST(
                "/api/v1/artifacts/verify", Map.of("store", "artifacts", "prefix", "v2", "manifestContent", uploaded)));

        assertThat(r).containsEntry("passed", true).containsEntry("manifest", "(uploaded)");
    }

    @Test
    void answersProblemsForUnknownStoresBadPrefixesAndBadManifests() {
        assertProblem(HttpRequest.POST("/api/v1/artifacts/verify", Map.of("store", "nope")), 404, "not-found");
        assertProblem(
                HttpRequest.POST("/api/v1/artifacts/verify", Map.of("store", "artifacts", "prefix", "../etc")),
                400,
                "invalid-input");
        assertProblem(
                HttpRequest.POST(
                        "/api/v1/artifacts/verify",
                        Map.of("store", "artifacts", "prefix", "v3", "manifestContent", "{\"algorithm\":")),
                400,
                "invalid-input");
    }

    @Test
    void recordsGateResultsWithTheCallerAsWhoRecordedThem() {
        Map<String, Object> body = new HashMap<>(Map.of(
                "pipeline", "cfn-registry",
                "build", "release-0.1.2",
                "stage", "alpha",
                "status", "PASSED",
                "detailsUrl", "https://ci.example.org/runs/7"));

        HttpResponse<Map> created = client.toBlocking()
                .exchange(
                        HttpRequest.POST("/api/v1/artifacts/gates", body)
                                .header("Authorization", TestTokens.bearer(TestTokens.CI)),
                        Map.class);
        List<Map<String, Object>> history = client.toBlocking()
                .retrieve(
                        HttpRequest.GET("/api/v1/artifacts/gates/release-0.1.2"),
                        Argument.listOf(Argument.mapOf(String.class, Object.class)));

        assertThat(created.code()).isEqualTo(201);
        assertThat(history).singleElement().satisfies(g -> assertThat(g)
                .containsEntry("stage", "alpha")
                .containsEntry("status", "PASSED")
                .containsEntry("recordedBy", TestTokens.CI_NAME)
                .containsEntry("detailsUrl", "https://ci.example.org/runs/7"));
    }

    @Test
    void refusesBadGateResults() {
        Map<String, Object> body =
                new HashMap<>(Map.of("pipeline", "cfn-registry", "build", "b1", "stage", "gamma", "status", "PASSED"));
        assertProblem(HttpRequest.POST("/api/v1/artifacts/gates", body), 404, "not-found");
        body.put("stage", "alpha");
        body.put("build", "../x");
        assertProblem(HttpRequest.POST("/api/v1/artifacts/gates", body), 400, "invalid-input");
        body.put("build", "b1");
        body.put("status", "MAYBE");
        assertProblem(HttpRequest.POST("/api/v1/artifacts/gates", body), 400, "invalid-input");
        body.put("status", "PASSED");
        body.put("detailsUrl", "file:///etc/passwd");
        assertProblem(HttpRequest.POST("/api/v1/artifacts/gates", body), 400, "invalid-input");
    }

    @Test
    void aReaderMayVerifyButNotRecordGates() {
        TestRelease.of(1).writeTo(root.path().resolve("artifacts/v4"));
        String reader = TestTokens.bearer(TestTokens.READER);

        Map<String, Object> r =
                json(HttpRequest.POST("/api/v1/artifacts/verify", Map.of("store", "artifacts", "prefix", "v4"))
                        .header("Authorization", reader));

        assertThat(r).containsEntry("passed", true);
        assertThatThrownBy(() -> client.toBlocking()
                        .exchange(HttpRequest.POST(
                                        "/api/v1/artifacts/gates",
                                        Map.of("build", "b2", "stage", "alpha", "status", "PASSED"))
                                .header("Authorization", reader)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.code())
                        .isEqualTo(403));
    }

    @Test
    void gateResultsGoToTheDatabase() {
        ledgerTable.record(new io.releasekit.core.artifact.promotion.GateResult(
                "db-build",
                "beta",
                io.releasekit.core.artifact.promotion.GateStatus.FAILED,
                "someone",
                java.time.Instant.now(),
                java.util.Optional.empty()));

        assertThat(jdbcGates.latest("db-build", "beta"))
                .hasValueSatisfying(g -> assertThat(g.passed()).isFalse());
    }

    @Test
    void listsTheConfiguredPipelines() {
        List<Map<String, Object>> p = client.toBlocking()
                .retrieve(
                        HttpRequest.GET("/api/v1/artifacts/pipelines"),
                        Argument.listOf(Argument.mapOf(String.class, Object.class)));

        assertThat(p).singleElement().satisfies(x -> assertThat((List<Map<String, Object>>) x.get("stages"))
                .extracting(s -> s.get("name") + "@" + s.get("store") + ":" + s.get("prefix"))
                .containsExactly(
                        "alpha@alpha:awscommunity/{build}/",
                        "beta@beta:awscommunity/{build}/",
                        "prod@prod:awscommunity/{build}/"));
    }

    @Test
    void exposesTheThreeArtifactProcesses() {
        assertThat(processes)
                .extracting(ProcessDefinition::kind)
                .contains("artifacts.publish", "artifacts.promote", "emergency-publish");
    }

    @Test
    void emergencyPublishPreflightIgnoresGithubAndChatButNotItsStores() {
        ProcessDefinition emergency = process(EmergencyPublishProcess.KIND);
        List<Step> steps =
                emergency.steps(RunParameters.of(Map.of("commit", "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d")));
        try {
            guards.forceOpen("github");
            guards.forceOpen("slack");
            assertThat(Preflight.check(steps, guards).verdict()).isEqualTo(PreflightResult.Verdict.GO);

            guards.forceOpen("sts:us-east-1");
            PreflightResult noGo = Preflight.check(steps, guards);
            assertThat(noGo.verdict()).isEqualTo(PreflightResult.Verdict.NO_GO);
            assertThat(noGo.strictServicesDown()).containsExactly("sts:us-east-1");
        } finally {
            List.of("github", "slack", "sts:us-east-1").forEach(guards::reset);
        }
        assertThat(emergency.approvalPolicy(RunParameters.empty()).required()).isEqualTo(2);
    }

    @Test
    void emergencyPublishBeanPublishesACommitsArtifacts() throws Exception {
        TestRelease.of(3).writeTo(root.path().resolve("artifacts/abcdef1234567890abcdef1234567890abcdef12"));
        ProcessDefinition emergency = process(EmergencyPublishProcess.KIND);
        RunParameters params =
                emergency.parameters().validate(Map.of("commit", "abcdef1234567890abcdef1234567890abcdef12"));

        Map<String, String> outputs = new HashMap<>();
        for (Step s : emergency.steps(params)) {
            TestStepContext ctx =
                    new TestStepContext(params, false, guards).forStep(s.name()).withOutputs(outputs);
            outputs.putAll(s.execute(ctx).outputs());
        }

        assertThat(root.path().resolve("releases/ferrocene/abcdef1234567890abcdef1234567890abcdef12/SHA256SUMS"))
                .hasSameBinaryContentAs(
                        root.path().resolve("artifacts/abcdef1234567890abcdef1234567890abcdef12/SHA256SUMS"));
    }

    @Test
    void documentsTheEndpointsInOpenApi() {
        String yaml = client.toBlocking().retrieve("/swagger/releasekit-0.1.yml");
        assertThat(yaml).contains("/api/v1/artifacts/verify").contains("/api/v1/artifacts/gates");
    }

    private ProcessDefinition process(String kind) {
        return processes.stream().filter(p -> p.kind().equals(kind)).findFirst().orElseThrow();
    }

    private Map<String, Object> json(HttpRequest<?> request) {
        return client.toBlocking().retrieve(request, Argument.mapOf(String.class, Object.class));
    }

    private void assertProblem(HttpRequest<?> request, int status, String type) {
        assertThatThrownBy(
                        () -> client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(Map.class)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(status);
                    assertThat(e.getResponse().getContentType())
                            .map(MediaType::toString)
                            .contains("application/problem+json");
                    Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
                    assertThat(problem.get("type")).isEqualTo("https://releasekit.io/problems/" + type);
                });
    }
}
