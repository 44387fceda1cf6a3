package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.newBucket;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.aws.testkit.CountingHttpClient;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStatus;
import io.releasekit.core.artifact.CopyAction;
import io.releasekit.core.artifact.CopyOutcome;
import io.releasekit.core.artifact.PublishResult;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.artifact.VerificationFailedException;
import io.releasekit.core.service.ServiceGuards;
import java.io.ByteArrayInputStream;
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
 * What a publication between two S3 buckets costs in requests and bytes through the client, counted at the SDK's HTTP
 * client against S3Proxy: with trusted store checksums a server-side publication reads no object byte, verifying each
 * artifact by its recorded SHA-256 (one HeadObject) at the source and at the destination.
 */
class S3PublishRequestsTest {

    static final int ARTIFACTS = 6;
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
            byte[] bytes = ("artifact " + i + " ").repeat(10_000 + i).getBytes(StandardCharsets.UTF_8);
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
    void publishesServerSideWithTrustedChecksumsWithoutAnyArtifactBytePassingThroughTheClient() {
        PublishResult r = new Publisher(guards)
                .publish(artifacts, "1a2b3c/", releases, "1.0/")
                .trustStoreChecksums(true)
                .call();

        assertThat(r.copies().outcomes()).extracting(CopyOutcome::action).containsOnly(CopyAction.COPIED_SERVER_SIDE);
        assertThat(r.destinationReport().orElseThrow().artifacts())
                .allSatisfy(c -> assertThat(c.storeChecksum()).isTrue());
        assertThat(http.contentBytesDown())
                .as("object bytes downloaded: only the manifest, loaded once by each of the four phases")
                .isEqualTo(4L * manifest.length);
        assertThat(http.contentBytesUp())
                .as("object bytes uploaded: the manifest, in aws-chunked framing")
                .isBetween((long) manifest.length, manifest.length + 512L);
        Map<String, Long> perArtifact = perArtifact();
        assertThat(perArtifact)
                .as("requests on artifact keys: HEAD source (verify), HEAD destination (plan), HEAD source +"
                        + " CopyObject (copy), HEAD destination (verify)")
                .containsExactlyInAnyOrderEntriesOf(Map.of("HEAD", 4L * ARTIFACTS, "COPY", (long) ARTIFACTS));
    }

    @Test
    void readsEveryArtifactTwiceWhenChecksumsAreNotTrusted() {
        new Publisher(guards).publish(artifacts, "1a2b3c/", releases, "1.0/").call();

        assertThat(http.contentBytesDown() - 4L * manifest.length)
                .as("every artifact read at the source and at the destination")
                .isEqualTo(2 * artifactBytes);
        assertThat(perArtifact())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("GET", 2L * ARTIFACTS, "HEAD", 2L * ARTIFACTS, "COPY", (long) ARTIFACTS));
    }

    @Test
    void refusesATrustedSourceWhoseRecordedDigestIsNotTheManifests() {
        byte[] other = "not the artifact".getBytes(StandardCharsets.UTF_8);
        put(artifacts, "1a2b3c/dist/artifact-2.tar.xz", other);
        http.reset();

        assertThatThrownBy(() -> new Publisher(guards)
                        .publish(artifacts, "1a2b3c/", releases, "1.0/")
                        .trustStoreChecksums(true)
                        .call())
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

    /** Requests on artifact keys (not the manifest, not listings) by kind: GET, HEAD, COPY, PUT. */
    private Map<String, Long> perArtifact() {
        Map<String, Long> m = new TreeMap<>();
        Predicate<CountingHttpClient.Sent> artifact = s -> s.path().contains("/dist/");
        http.sent().stream().filter(artifact).forEach(s -> m.merge(s.copy() ? "COPY" : s.method(), 1L, Long::sum));
        return m;
    }

    private S3ArtifactStore store(String bucket) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .region("us-east-1")
                .endpoint(server.endpoint())
                .pathStyle(true)
                .identity(shared)
                .httpClient(http)
                .build();
    }

    private static void put(S3ArtifactStore store, String key, byte[] bytes) {
        store.put(ArtifactKey.of(key), new ByteArrayInputStream(bytes), bytes.length, sha256(bytes));
    }
}
