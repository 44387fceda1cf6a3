package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.newBucket;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.aws.testkit.CountingHttpClient;
import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.ConflictException;
import io.releasekit.core.artifact.ArtifactStatus;
import io.releasekit.core.artifact.CopyAction;
import io.releasekit.core.artifact.CopyOutcome;
import io.releasekit.core.artifact.ManifestAction;
import io.releasekit.core.artifact.PublishCommand;
import io.releasekit.core.artifact.PublishResult;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.artifact.VerificationFailedException;
import io.releasekit.core.service.ServiceGuards;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a publication between two S3 buckets costs in requests and bytes through the client, counted per S3 operation at
 * the SDK's HTTP client against S3Proxy. With trusted store checksums a fresh publication makes two requests per
 * artifact (HeadObject at the source for its recorded SHA-256, a CopyObject conditional on the verified ETag) and
 * verifies the destination from its listing (each copy carries the ETag of the verified source object); a rerun over
 * a complete destination recognises every artifact from the two listings and the publication record, without a
 * request per artifact. Without trusted checksums every artifact byte is read at both ends: three requests.
 */
class S3PublishRequestsTest {

    static final int ARTIFACTS = 25;
    static final int PAGE = 10;
    static S3ProxyServer server;

    final CountingHttpClient http = new CountingHttpClient();
    final ServiceGuards guards = ServiceGuards.withDefaults();
    AwsIdentity shared;
    S3ArtifactStore artifacts;
    S3ArtifactStore releases;
    long artifactBytes;
    byte[] manifest;

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
        artifacts = store(newBucket(server, "artifacts"));
        releases = store(newBucket(server, "releases"));
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < ARTIFACTS; i++) {
            byte[] bytes = ("artifact " + i + " ").repeat(1_000 + i).getBytes(StandardCharsets.UTF_8);
            put(artifacts, "1a2b3c/dist/artifact-" + i + ".tar.xz", bytes);
            sums.append(sha256(bytes)).append("  dist/artifact-").append(i).append(".tar.xz\n");
            artifactBytes += bytes.length;
        }
        manifest = sums.toString().getBytes(StandardCharsets.UTF_8);
        put(artifacts, "1a2b3c/SHA256SUMS", manifest);
        http.reset();
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
    void publishesWithTwoRequestsPerArtifactWhenTheStoresHoldChecksums() {
        PublishResult r = trusted().call();

        assertThat(r.copies().outcomes()).extracting(CopyOutcome::action).containsOnly(CopyAction.COPIED_SERVER_SIDE);
        assertThat(r.destinationReport().orElseThrow().artifacts())
                .allSatisfy(c -> assertThat(c.storeChecksum()).isTrue());
        assertThat(perArtifact())
                .as("requests on artifact keys: HeadObject at the source (its recorded SHA-256, verify-source) and one"
                        + " CopyObject if-match the verified ETag; the destination is verified from its listing")
                .containsExactlyInAnyOrderEntriesOf(Map.of("HEAD", (long) ARTIFACTS, "COPY", (long) ARTIFACTS));
        assertThat(perArtifact().values().stream().mapToLong(Long::longValue).sum())
                .isLessThanOrEqualTo(2L * ARTIFACTS);
        assertThat(http.contentBytesDown())
                .as("no artifact byte downloaded: only the manifest (and no record yet)")
                .isLessThanOrEqualTo(4L * manifest.length);
        assertThat(releases.list("1.0/"))
                .extracting(o -> o.key().value())
                .contains("1.0/SHA256SUMS", "1.0/SHA256SUMS.releasekit.json");
    }

    @Test
    void recognisesACompleteDestinationFromListingsAndTheRecordWithoutARequestPerArtifact() {
        trusted().call();
        http.reset();

        PublishResult r = trusted().call();

        assertThat(r.copies().outcomes()).extracting(CopyOutcome::action).containsOnly(CopyAction.SKIPPED_IDENTICAL);
        assertThat(r.manifest()).isEqualTo(ManifestAction.UNCHANGED);
        assertThat(perArtifact()).as("no request on any artifact key").isEmpty();
        long pages = byOperation().getOrDefault("LIST", 0L);
        int pagesPerListing = (ARTIFACTS + 2) / PAGE + 1;
        assertThat(pages)
                .as("listings: source and destination, once per phase")
                .isLessThanOrEqualTo(7L * pagesPerListing);
        assertThat(http.sent().size() - pages)
                .as("everything else: manifests, record, stats of the manifest at the destination: %s", byOperation())
                .isLessThanOrEqualTo(16);
    }

    @Test
    void aRerunCatchesADestinationObjectChangedAfterItWasPublished() {
        trusted().call();
        byte[] other = "a different artifact".getBytes(StandardCharsets.UTF_8);
        put(releases, "1.0/dist/artifact-3.tar.xz", other);
        http.reset();

        assertThatThrownBy(() -> trusted().call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("dist/artifact-3.tar.xz");
        assertThat(perArtifact())
                .as("only the changed object is asked for its checksum")
                .containsExactlyInAnyOrderEntriesOf(Map.of("HEAD", 1L));
    }

    @Test
    void refusesToCopyWhenTheSourceChangedAfterTheStepThatVerifiedIt() {
        PublishCommand verify = trusted();
        verify.verifySource();
        String fingerprint = verify.sourceFingerprint();
        byte[] other = "tampered".getBytes(StandardCharsets.UTF_8);
        put(artifacts, "1a2b3c/dist/artifact-5.tar.xz", other);

        assertThatThrownBy(() -> trusted().expectSourceFingerprint(fingerprint).copy())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("changed since they were verified");
        assertThat(releases.list("1.0/")).isEmpty();
    }

    @Test
    void readsEveryArtifactAtBothEndsWhenChecksumsAreNotTrusted() {
        new Publisher(guards).publish(artifacts, "1a2b3c/", releases, "1.0/").call();

        assertThat(http.contentBytesDown())
                .as("every artifact read at the source and at the destination, the manifest by the verifier and by"
                        + " the publication")
                .isEqualTo(2 * artifactBytes + 2L * manifest.length);
        assertThat(perArtifact())
                .as("GetObject at the source, CopyObject, GetObject at the destination; no HeadObject")
                .containsExactlyInAnyOrderEntriesOf(Map.of("GET", 2L * ARTIFACTS, "COPY", (long) ARTIFACTS));
    }

    @Test
    void refusesATrustedSourceWhoseRecordedDigestIsNotTheManifests() {
        byte[] other = "not the artifact".getBytes(StandardCharsets.UTF_8);
        put(artifacts, "1a2b3c/dist/artifact-2.tar.xz", other);
        http.reset();

        assertThatThrownBy(() -> trusted().call())
                .isInstanceOfSatisfying(VerificationFailedException.class, e -> assertThat(
                                e.report().artifacts())
                        .filteredOn(c -> c.status() != ArtifactStatus.OK)
                        .singleElement()
                        .satisfies(c -> {
                            assertThat(c.name()).isEqualTo("dist/artifact-2.tar.xz");
                            assertThat(c.status()).isEqualTo(ArtifactStatus.DIGEST_MISMATCH);
                            assertThat(c.storeChecksum()).isTrue();
                        }));
        assertThat(http.sent()).noneMatch(CountingHttpClient.Sent::copy);
        assertThat(releases.list("")).isEmpty();
    }

    private PublishCommand trusted() {
        return new Publisher(guards)
                .publish(artifacts, "1a2b3c/", releases, "1.0/")
                .trustStoreChecksums(true);
    }

    /** Requests by S3 operation. */
    private Map<String, Long> byOperation() {
        Map<String, Long> m = new TreeMap<>();
        http.sent().forEach(s -> m.merge(s.operation(), 1L, Long::sum));
        return m;
    }

    /** Requests on artifact keys (not the manifest, not listings) by kind: GET, HEAD, COPY, PUT. */
    private Map<String, Long> perArtifact() {
        Map<String, Long> m = new TreeMap<>();
        Predicate<CountingHttpClient.Sent> artifact = s -> s.path().contains("/dist/");
        http.sent().stream().filter(artifact).forEach(s -> m.merge(s.operation(), 1L, Long::sum));
        return m;
    }

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
