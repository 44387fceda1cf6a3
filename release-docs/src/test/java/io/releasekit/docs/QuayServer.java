package io.releasekit.docs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Quay (quay.io) for one image repository, played by WireMock with quay.io's shapes: the tag API ({@code
 * /api/v1/repository/<repo>/tag/}, with the OAuth token {@link #TOKEN}, as {@code QuayImageRegistryTest} plays it)
 * and the distribution API the tags' manifests and image configs are read from. Packit's history: an image built
 * every Monday, tagged with its date, the newest also {@code stable} and {@code prod}.
 */
final class QuayServer {

    /** The Quay API token the page's configuration names. */
    static final String TOKEN = "quay-docs-oauth-token";
    /** The Mondays with an image, newest first: the first is also stable and prod. */
    static final int WEEKS = 14;

    private static final LocalDate NEWEST = LocalDate.of(2026, 11, 30);
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private QuayServer() {}

    /** Quay with {@value #WEEKS} weekly images of each of {@code repositories}. */
    static WireMockServer start(List<String> repositories) {
        WireMockServer quay = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        quay.start();
        repositories.forEach(r -> weekly(quay, r));
        return quay;
    }

    private static void weekly(WireMockServer quay, String repository) {
        List<String> tags = new ArrayList<>();
        for (int week = 0; week < WEEKS; week++) {
            LocalDate built = NEWEST.minusWeeks(week);
            String digest = image(quay, repository, built, week);
            long at = built.atTime(13, 45).toEpochSecond(ZoneOffset.UTC);
            if (week == 0) {
                tags.add(tag("stable", digest, at));
                tags.add(tag("prod", digest, at));
            }
            tags.add(tag(built.toString(), digest, at));
        }
        quay.stubFor(WireMock.get(urlPathEqualTo("/api/v1/repository/" + repository + "/tag/"))
                .withQueryParam("page", equalTo("1"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(
                        "{\"tags\": [" + String.join(", ", tags) + "], \"page\": 1," + " \"has_additional\": false}")));
    }

    /** The manifest and config of the image built on {@code built}, under its digest and tags; its digest. */
    private static String image(WireMockServer quay, String repository, LocalDate built, int week) {
        String revision = String.format("%040x", 0x5eed0000L + week);
        byte[] config = ("{\"created\": \"" + built + "T13:45:00Z\", \"architecture\": \"amd64\", \"os\": \"linux\","
                        + " \"config\": {\"Labels\": {\"org.opencontainers.image.revision\": \"" + revision + "\"}},"
                        + " \"rootfs\": {\"type\": \"layers\", \"diff_ids\": [\"sha256:" + "0".repeat(64) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = sha256(config);
        byte[] manifest = ("{\"schemaVersion\": 2, \"mediaType\": \"" + OCI_MANIFEST + "\", \"config\": {\"mediaType\":"
                        + " \"application/vnd.oci.image.config.v1+json\", \"digest\": \"" + configDigest
                        + "\", \"size\": " + config.length + "}, \"layers\": [{\"mediaType\":"
                        + " \"application/vnd.oci.image.layer.v1.tar+gzip\", \"digest\": \"sha256:"
                        + String.format("%064x", 0x1a7e0000L + week) + "\", \"size\": 312987654}]}")
                .getBytes(StandardCharsets.UTF_8);
        String digest = sha256(manifest);
        for (String ref :
                week == 0 ? List.of(digest, built.toString(), "stable", "prod") : List.of(digest, built.toString())) {
            String path = "/v2/" + repository + "/manifests/" + ref;
            quay.stubFor(WireMock.get(path)
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", OCI_MANIFEST)
                            .withHeader("Docker-Content-Digest", digest)
                            .withBody(manifest)));
            quay.stubFor(WireMock.head(urlPathEqualTo(path))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", OCI_MANIFEST)
                            .withHeader("Docker-Content-Digest", digest)
                            .withHeader("Content-Length", Integer.toString(manifest.length))));
        }
        quay.stubFor(WireMock.get("/v2/" + repository + "/blobs/" + configDigest)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/octet-stream")
                        .withHeader("Docker-Content-Digest", configDigest)
                        .withBody(config)));
        return digest;
    }

    private static String tag(String name, String digest, long startTs) {
        return "{\"name\": \"" + name + "\", \"reversion\": false, \"start_ts\": " + startTs
                + ", \"manifest_digest\": \"" + digest + "\", \"is_manifest_list\": false, \"size\": 312987654,"
                + " \"last_modified\": \""
                + java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.Instant.ofEpochSecond(startTs).atZone(ZoneOffset.UTC))
                + "\"}";
    }

    private static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(Fixtures.sha256Bytes(bytes));
    }
}
