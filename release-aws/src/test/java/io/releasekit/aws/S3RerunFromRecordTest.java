package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.newBucket;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.aws.testkit.CountingHttpClient;
import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.ConflictException;
import io.releasekit.core.artifact.ArtifactCheck;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.CopyAction;
import io.releasekit.core.artifact.CopyOutcome;
import io.releasekit.core.artifact.ManifestAction;
import io.releasekit.core.artifact.PublishCommand;
import io.releasekit.core.artifact.PublishResult;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.service.ServiceGuards;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rerun of a publication with trusted store checksums, on S3Proxy with requests counted at the SDK's HTTP client:
 * when the destination's publication record belongs to the source manifest, only the destination is listed (in key
 * ranges from {@code StartAfter}, each page one request) and compared with the record; the source is not listed. A
 * deleted destination object is found and copied again, a changed one is a conflict (replaced with overwrite), and the
 * next rerun recognises the release again.
 */
class S3RerunFromRecordTest {

    static final int ARTIFACTS = 60;
    static final int PAGE = 10;
    static S3ProxyServer server;

    final CountingHttpClient http = new CountingHttpClient();
    final ServiceGuards guards = ServiceGuards.withDefaults();
    AwsIdentity shared;
    String artifactsBucket;
    String releasesBucket;
    S3ArtifactStore artifacts;
    S3ArtifactStore releases;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void release() {
        shared = AwsIdentity.of(CredentialSource.staticKeys(server.accessKey(), server.secretKey()));
        artifactsBucket = newBucket(server, "artifacts");
        releasesBucket = newBucket(server, "releases");
        artifacts = store(artifactsBucket);
        releases = store(releasesBucket);
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < ARTIFACTS; i++) {
            byte[] bytes = ("artifact " + i + " ").repeat(100 + i).getBytes(StandardCharsets.UTF_8);
            put(artifacts, "1a2b3c/dist/artifact-" + i + ".tar.xz", bytes);
            sums.append(sha256(bytes)).append("  dist/artifact-").append(i).append(".tar.xz\n");
        }
        put(artifacts, "1a2b3c/SHA256SUMS", sums.toString().getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        artifacts.close();
        releases.close();
        shared.close();
        guards.close();
        http.close();
    }

    @Test
    void aRerunListsOnlyTheDestinationInKeyRangesAndAsksForNoArtifact() {
        trusted().call();
        http.reset();

        PublishResult r = trusted().call();

        assertThat(r.fromRecord()).isTrue();
        assertThat(r.copies().outcomes()).extracting(CopyOutcome::action).containsOnly(CopyAction.SKIPPED_IDENTICAL);
        assertThat(r.copies().outcomes()).hasSize(ARTIFACTS);
        assertThat(r.manifest()).isEqualTo(ManifestAction.UNCHANGED);
        assertThat(r.destinationReport().orElseThrow().artifacts())
                .allSatisfy(c -> assertThat(c.ok()).isTrue());
        List<CountingHttpClient.Sent> lists =
                http.sent().stream().filter(CountingHttpClient.Sent::isList).toList();
        assertThat(lists).as("only the destination is listed").allSatisfy(s -> assertThat(s.path())
                .startsWith("/" + releasesBucket));
        int keys = ARTIFACTS + 2; // the artifacts, the manifest, the record
        assertThat(lists.size())
                .as("one page per %d keys, plus at most one per range", PAGE)
                .isBetween(keys / PAGE, 2 * (keys / PAGE + 1));
        assertThat(lists)
                .as("the pages after the first are key ranges listed from StartAfter")
                .filteredOn(s -> s.query().containsKey("start-after"))
                .hasSizeGreaterThanOrEqualTo(keys / PAGE - 1);
        assertThat(http.sent())
                .as("besides the listing: the source manifest (its stat and its bytes) and the record")
                .filteredOn(s -> !s.isList())
                .extracting(s -> s.operation() + " " + s.path())
                .containsExactlyInAnyOrder(
                        "HEAD /" + artifactsBucket + "/1a2b3c/SHA256SUMS",
                        "GET /" + artifactsBucket + "/1a2b3c/SHA256SUMS",
                        "GET /" + releasesBucket + "/1.0/SHA256SUMS.releasekit.json");
    }

    @Test
    void aDryRunOfAnIntactReleaseGivesTheRealRunsResultAndWritesNothing() {
        trusted().call();
        http.reset();

        PublishResult dry = trusted().dryRun(true).call();
        PublishResult real = trusted().call();

        assertThat(dry.fromRecord()).isTrue();
        assertThat(dry.copies().outcomes()).isEqualTo(real.copies().outcomes());
        assertThat(dry.manifest()).isEqualTo(real.manifest());
        assertThat(http.sent())
                .noneMatch(
                        s -> s.copy() || s.method().equals("PUT") || s.method().equals("DELETE"));
    }

    @Test
    void aRerunFindsADeletedDestinationObjectAndCopiesItAgain() {
        trusted().call();
        releases.delete(ArtifactKey.of("1.0/dist/artifact-37.tar.xz"));
        http.reset();

        PublishResult r = trusted().call();

        assertThat(r.fromRecord()).isFalse();
        assertThat(actions(r))
                .containsEntry("dist/artifact-37.tar.xz", CopyAction.COPIED_SERVER_SIDE)
                .containsEntry("dist/artifact-36.tar.xz", CopyAction.SKIPPED_IDENTICAL);
        assertThat(actions(r).values()).filteredOn(CopyAction::writes).hasSize(1);
        assertThat(perArtifact())
                .as("the source listed as recorded: no HeadObject; one copy")
                .isEqualTo(Map.of("COPY", 1L));
        assertThat(releases.stat(ArtifactKey.of("1.0/dist/artifact-37.tar.xz"))).isPresent();

        assertThat(trusted().call().fromRecord())
                .as("the next rerun recognises it again")
                .isTrue();
    }

    @Test
    void aChangedDestinationObjectIsAConflictAndIsReplacedWithOverwrite() {
        trusted().call();
        put(releases, "1.0/dist/artifact-12.tar.xz", "not the artifact".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> trusted().call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("dist/artifact-12.tar.xz");
        PublishResult r = trusted().overwrite(true).call();

        assertThat(actions(r)).containsEntry("dist/artifact-12.tar.xz", CopyAction.REPLACED);
        assertThat(actions(r).values()).filteredOn(CopyAction::writes).hasSize(1);
        assertThat(r.destinationReport().orElseThrow().passed()).isTrue();
        assertThat(trusted().call().fromRecord()).isTrue();
    }

    @Test
    void keyRangesListEveryObjectOfTheDestinationAlsoTheOnesNoManifestNames() {
        List<String> extras = IntStream.range(0, 25)
                .mapToObj(i -> "dist/artifact-" + (i * 2) + ".tar.xz.note")
                .toList();
        extras.forEach(n -> put(releases, "1.0/" + n, n.getBytes(StandardCharsets.UTF_8)));
        http.reset();

        PublishResult r = trusted().call();

        assertThat(r.destinationReport().orElseThrow().unexpected())
                .extracting(ArtifactCheck::name)
                .containsExactlyInAnyOrderElementsOf(extras);
        assertThat(http.sent())
                .filteredOn(s -> s.isList() && s.path().startsWith("/" + releasesBucket))
                .anyMatch(s -> s.query().containsKey("start-after"));

        PublishResult rerun = trusted().call();
        assertThat(rerun.fromRecord())
                .as("objects the release does not name do not stop a rerun from recognising it")
                .isTrue();
    }

    private PublishCommand trusted() {
        return new Publisher(guards)
                .publish(artifacts, "1a2b3c/", releases, "1.0/")
                .trustStoreChecksums(true)
                .concurrency(8);
    }

    private static Map<String, CopyAction> actions(PublishResult r) {
        Map<String, CopyAction> m = new TreeMap<>();
        r.copies().outcomes().forEach(o -> m.put(o.name(), o.action()));
        return m;
    }

    /** Requests on artifact keys (not the manifest, not listings) by kind: GET, HEAD, COPY, PUT. */
    private Map<String, Long> perArtifact() {
        Map<String, Long> m = new TreeMap<>();
        http.sent().stream()
                .filter(s -> s.path().contains("/dist/") && !s.isList())
                .forEach(s -> m.merge(s.operation(), 1L, Long::sum));
        return m;
    }

    /** Both stores share one identity, so a copy between them is server-side (CopyObject). */
    private S3ArtifactStore store(String bucket) {
        return S3Fixtures.storeSharing(server, bucket, shared)
                .listPageSize(PAGE)
                .httpClient(http)
                .build();
    }

    private void put(S3ArtifactStore store, String key, byte[] bytes) {
        S3Fixtures.putGuarded(store, guards, key, bytes);
    }
}
