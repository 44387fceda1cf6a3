package io.releasekit.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.RetentionExecutor;
import io.releasekit.core.image.RetentionPlan;
import io.releasekit.core.image.RetentionReport;
import io.releasekit.core.redact.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quay's tag API in WireMock with payloads shaped like quay.io's answers. */
class QuayImageRegistryTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String REPO = "packit/packit-service";
    private static final String TAGS = "/api/v1/repository/" + REPO + "/tag/";
    private static final String OLD = "sha256:" + "1".repeat(64);
    private static final String STABLE = "sha256:" + "2".repeat(64);

    private QuayImageRegistry quay;

    @BeforeEach
    void setUp() {
        URI base = URI.create(wm.baseUrl());
        quay = new QuayImageRegistry(
                OciImageRegistry.builder("quay", base).build(),
                base,
                Secret.of("quay-oauth-token-abc", "Quay API token"));
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .withQueryParam("page", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer quay-oauth-token-abc"))
                .willReturn(okJson(page(1, true, tag("stable", STABLE, 1733097600), tag("prod", STABLE, 1733097600)))));
        wm.stubFor(get(urlPathEqualTo(TAGS))
                .withQueryParam("page", equalTo("2"))
                .willReturn(okJson(page(2, false, tag("2024-11-04", OLD, 1730707200)))));
    }

    @Test
    void listsActiveTagsPageByPage() {
        assertThat(quay.listTags(REPO)).containsExactly("stable", "prod", "2024-11-04");
        assertThat(quay.tagRecords(REPO).get(2).path("size").asLong()).isEqualTo(312_987_654L);
        assertThat(quay.supportsTagDelete()).isTrue();
    }

    @Test
    void deletesOneTagThroughTheApi() {
        wm.stubFor(delete(urlPathEqualTo(TAGS + "2024-11-04"))
                .willReturn(aResponse().withStatus(204)));

        quay.deleteTag(REPO, "2024-11-04");

        wm.verify(
                1,
                deleteRequestedFor(urlPathEqualTo(TAGS + "2024-11-04"))
                        .withHeader("Authorization", equalTo("Bearer quay-oauth-token-abc")));
    }

    @Test
    void deletesAManifestByItsTagsWhenDistributionDeleteIsOff() {
        wm.stubFor(delete(urlPathEqualTo("/v2/" + REPO + "/manifests/" + STABLE))
                .willReturn(aResponse()
                        .withStatus(405)
                        .withBody("{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is "
                                + "unsupported.\"}]}")));
        wm.stubFor(
                delete(urlPathEqualTo(TAGS + "stable")).willReturn(aResponse().withStatus(204)));
        wm.stubFor(delete(urlPathEqualTo(TAGS + "prod")).willReturn(aResponse().withStatus(204)));

        quay.deleteManifest(REPO, ImageDigest.of(STABLE));

        wm.verify(1, deleteRequestedFor(urlPathEqualTo(TAGS + "stable")));
        wm.verify(1, deleteRequestedFor(urlPathEqualTo(TAGS + "prod")));
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(TAGS + "2024-11-04")));
    }

    @Test
    void setsAnExpiry() {
        wm.stubFor(put(urlPathEqualTo(TAGS + "2024-11-04"))
                .willReturn(aResponse().withStatus(201).withBody("\"Updated\"")));
        Instant at = Instant.now().plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        quay.expireTag(REPO, "2024-11-04", at);

        wm.verify(putRequestedFor(urlPathEqualTo(TAGS + "2024-11-04"))
                .withRequestBody(equalToJson("{\"expiration\":" + at.getEpochSecond() + "}")));
        assertThatThrownBy(() -> quay.expireTag(REPO, "x", Instant.now().minusSeconds(5)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aRefusedApiTokenIsNotPermitted() {
        wm.stubFor(
                delete(urlPathEqualTo(TAGS + "stable"))
                        .willReturn(
                                aResponse()
                                        .withStatus(403)
                                        .withBody(
                                                "{\"detail\":\"Unauthorized\",\"error_message\":\"Unauthorized\",\"status\":403,"
                                                        + "\"title\":\"insufficient_scope\",\"type\":\"https://quay.io/api/v1/error/insufficient_scope\"}")));

        assertThatThrownBy(() -> quay.deleteTag(REPO, "stable"))
                .isInstanceOf(NotPermittedException.class)
                .hasMessageContaining("Unauthorized")
                .hasMessageNotContaining("quay-oauth-token-abc");
    }

    @Test
    void retentionDeletesTagsAloneOnQuayAndSkipsTagsThatMovedSinceThePlan() {
        wm.stubFor(aResponseFor("2024-11-04", OLD));
        wm.stubFor(aResponseFor("pr-12", STABLE)); // moved to the stable image after the plan
        wm.stubFor(delete(urlPathEqualTo(TAGS + "2024-11-04"))
                .willReturn(aResponse().withStatus(204)));
        RetentionPlan plan = new RetentionPlan(
                "quay",
                REPO,
                List.of(
                        new RetentionPlan.Removal(
                                RetentionPlan.Removal.Kind.TAG,
                                ImageDigest.of(OLD),
                                List.of("2024-11-04"),
                                Optional.empty(),
                                10),
                        new RetentionPlan.Removal(
                                RetentionPlan.Removal.Kind.TAG,
                                ImageDigest.of(OLD),
                                List.of("pr-12"),
                                Optional.empty(),
                                10)),
                List.of());

        RetentionReport report = RetentionExecutor.execute(quay, plan, false, o -> {});

        assertThat(report.outcomes())
                .extracting(RetentionReport.Outcome::status)
                .containsExactly(RetentionReport.Status.DELETED, RetentionReport.Status.CHANGED);
        wm.verify(0, deleteRequestedFor(urlPathEqualTo(TAGS + "pr-12")));
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder aResponseFor(String tag, String digest) {
        return com.github.tomakehurst.wiremock.client.WireMock.head(urlPathEqualTo("/v2/" + REPO + "/manifests/" + tag))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Docker-Content-Digest", digest)
                        .withHeader("Content-Type", "application/vnd.oci.image.manifest.v1+json"));
    }

    private static String page(int page, boolean more, String... tags) {
        return "{\"tags\": [" + String.join(", ", tags) + "], \"page\": " + page + ", \"has_additional\": " + more
                + "}";
    }

    private static String tag(String name, String digest, long startTs) {
        return "{\"name\": \"" + name + "\", \"reversion\": false, \"start_ts\": " + startTs
                + ", \"manifest_digest\": \"" + digest + "\", \"is_manifest_list\": true, \"size\": 312987654, "
                + "\"last_modified\": \"Mon, 02 Dec 2024 00:00:00 -0000\"}";
    }
}
