package io.releasekit.api.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.protect.ApprovalRequiredException;
import io.releasekit.git.testkit.RepoFixture;
import io.releasekit.registry.OciImageRegistry;
import io.releasekit.registry.testkit.RegistryContainer;
import io.releasekit.registry.testkit.TestImages;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The check and registry endpoints over a configured git repository and docker-registry in a container. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagesApiTest implements TestPropertyProvider {

    RepoFixture repo;
    RegistryContainer registry;

    @jakarta.inject.Inject
    @Client("/")
    HttpClient client;

    @jakarta.inject.Inject
    ImageRegistries registries;

    @Override
    public Map<String, String> getProperties() {
        try {
            repo = RepoFixture.init(
                    Files.createTempDirectory("releasekit-images-api").resolve("charts"));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        repo.commit(
                "main",
                "Add",
                "Dockerfile",
                "ARG BASE=12.5.0\nFROM debian:${BASE} AS base\nFROM base\n" + "FROM quay.io/packit/base:latest\n",
                "charts/sd-core/Chart.yaml",
                "apiVersion: v2\nname: sd-core\nversion: 2.1.0-dev\nappVersion: 1.3.0\n",
                "charts/sd-core/values.yaml",
                "image:\n  repository: omecproject/smf\n  tag: \"\"\n" + "webui:\n  image: omecproject/webui:master\n");
        repo.checkout("main");
        registry = RegistryContainer.shared();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("releasekit.repositories.charts.path", repo.dir().toString());
        p.put("releasekit.registries.local.url", registry.uri().toString());
        p.put("releasekit.chart-repositories.oci.registry", "local");
        p.put("releasekit.protection.rules.protected-images.registry", "local");
        p.put("releasekit.protection.rules.protected-images.image-repository", "api/protected-*");
        p.put("releasekit.protection.rules.protected-images.operations", "delete");
        p.put("releasekit.protection.rules.protected-images.approvals", "2");
        p.put(
                "releasekit.chart-repositories.oci.namespace",
                "charts-" + UUID.randomUUID().toString().substring(0, 8));
        return p;
    }

    @AfterAll
    void cleanUp() {
        repo.close();
    }

    @Test
    void checksDockerfilesOfAConfiguredRepository() {
        Map<String, Object> r = get("/api/v1/checks/dockerfile?repository=charts");

        assertThat(r).containsEntry("ok", false);
        List<Map<String, Object>> files = list(r, "files");
        assertThat(list(files.get(0), "froms"))
                .extracting(f -> f.get("image") + " " + f.get("pin"))
                .containsExactly("debian:12.5.0 semver", "base stage", "quay.io/packit/base:latest moving");
        assertThat(list(files.get(0), "findings")).singleElement().satisfies(f -> {
            assertThat(f).containsEntry("line", 4);
            assertThat(f.get("message").toString()).contains("'latest' is a moving target");
        });
    }

    @Test
    void checksAChartWithItsImagesAndItsVersionInTheChartRepository() {
        Map<String, Object> r = get("/api/v1/checks/chart?repository=charts&chart=charts/sd-core&chartRepository=oci");

        assertThat(r).containsEntry("ok", false);
        assertThat(list(r, "images"))
                .extracting(i -> i.get("path") + " " + i.get("reference") + " " + i.get("pin"))
                .containsExactly("image omecproject/smf:1.3.0 semver", "webui.image omecproject/webui:master moving");
        assertThat(list(r, "findings"))
                .extracting(f -> f.get("kind") + " " + f.get("value"))
                .containsExactly("chart-version 2.1.0-dev", "image omecproject/webui:master");
        assertThat((Map<String, Object>) r.get("version")).containsEntry("outcome", "unique");

        Map<String, Object> withImages =
                get("/api/v1/checks/chart?repository=charts&chart=charts/sd-core&requireImages=true");
        assertThat(list(withImages, "findings"))
                .filteredOn(f -> "image-missing".equals(f.get("kind")))
                .singleElement()
                .satisfies(
                        f -> assertThat(f.get("message").toString()).contains("registry docker.io is not configured"));
    }

    @Test
    void listsRegistriesAndResolvesATag() {
        ImageRegistry local = OciImageRegistry.builder("local", registry.uri()).build();
        String repository = "api/" + UUID.randomUUID().toString().substring(0, 8);
        TestImages.Pushed p = TestImages.push(local, repository, "1.0.0", 1, 10, 71, Instant.now(), Map.of());

        assertThat(client.toBlocking().retrieve(HttpRequest.GET("/api/v1/registries"), Argument.listOf(Map.class)))
                .singleElement()
                .satisfies(m -> assertThat(m).containsEntry("name", "local"));
        assertThat(get("/api/v1/registries/local/digest?repository=" + repository + "&reference=1.0.0"))
                .containsEntry("digest", p.digest().value());
    }

    @Test
    void theRegistriesTheServiceHandsOutRefuseADirectDeleteInAProtectedRepository() {
        ImageRegistry local = registries.get("local");
        String id = UUID.randomUUID().toString().substring(0, 8);
        TestImages.Pushed kept =
                TestImages.push(local, "api/protected-" + id, "1.0.0", 1, 10, 72, Instant.now(), Map.of());
        TestImages.Pushed free = TestImages.push(local, "api/free-" + id, "1.0.0", 1, 10, 73, Instant.now(), Map.of());

        assertThatThrownBy(() -> local.deleteManifest("api/protected-" + id, kept.digest()))
                .isInstanceOf(ApprovalRequiredException.class)
                .hasMessageContaining("registry local: api/protected-" + id + "@" + kept.digest())
                .hasMessageContaining("'protected-images'");
        local.deleteManifest("api/free-" + id, free.digest());

        assertThat(local.resolve("api/protected-" + id, "1.0.0")).contains(kept.digest());
        assertThat(local.resolve("api/free-" + id, "1.0.0")).isEmpty();
    }

    @Test
    void aRuleNamingAnUnknownRegistryStopsTheStartNamingItsKey() throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(
                "releasekit.data-dir",
                Files.createTempDirectory("releasekit-bad-rule").toString());
        p.put("releasekit.protection.rules.bad.registry", "nope");
        p.put("releasekit.protection.rules.bad.image-repository", "packit/**");
        p.put("releasekit.protection.rules.bad.operations", List.of("delete"));

        assertThatThrownBy(() ->
                        ApplicationContext.run(EmbeddedServer.class, p, "test").close())
                .hasStackTraceContaining(
                        "releasekit.protection.rules.bad.registry names 'nope', which is not a configured image registry");
    }

    @Test
    void theCheckRunKindsAreRegistered() {
        List<Map> kinds =
                client.toBlocking().retrieve(HttpRequest.GET("/api/v1/run-kinds"), Argument.listOf(Map.class));

        assertThat(kinds)
                .extracting(k -> k.get("kind"))
                .contains("image.check", "chart.check", "chart.bump", "image.promote", "image.wait", "image.retention");
    }

    @Test
    void badInputIsAProblemNamingTheValue() {
        assertProblem(
                "/api/v1/checks/dockerfile?repository=charts&path=../etc/passwd",
                400,
                "invalid-input",
                "leaves the chart root");
        assertProblem(
                "/api/v1/checks/dockerfile?repository=charts&path=missing/Dockerfile",
                400,
                "invalid-input",
                "'missing/Dockerfile' does not exist");
        assertProblem("/api/v1/checks/chart?repository=nope&chart=x", 404, "not-found", "nope");
        assertProblem("/api/v1/checks/chart?repository=charts&chart=charts", 400, "invalid-input", "no Chart.yaml");
        assertProblem("/api/v1/registries/nope/digest?repository=a&reference=b", 404, "not-found", "nope");
        assertProblem("/api/v1/registries/local/digest?repository=Bad&reference=b", 400, "invalid-input", "Bad");
        assertProblem(
                "/api/v1/registries/local/digest?repository=api/none&reference=1.0.0",
                404,
                "not-found",
                "api/none:1.0.0");
    }

    private void assertProblem(String uri, int status, String type, String detail) {
        assertThatThrownBy(() -> client.toBlocking().retrieve(HttpRequest.GET(uri)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.getStatus().getCode()).as(uri).isEqualTo(status);
                    Map<?, ?> body = e.getResponse().getBody(Map.class).orElseThrow();
                    assertThat(body.get("type").toString()).endsWith("/" + type);
                    assertThat(body.get("detail").toString()).contains(detail);
                });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String uri) {
        return client.toBlocking().retrieve(HttpRequest.GET(uri), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }
}
