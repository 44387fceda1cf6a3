package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.generated;
import static io.releasekit.aws.testkit.S3Fixtures.newBucket;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static io.releasekit.aws.testkit.S3Fixtures.sha256OfGenerated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.aws.testkit.CountingHttpClient;
import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.FileSystemArtifactStore;
import io.releasekit.core.artifact.ObjectInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;

/** Moving artifacts between stores: server-side inside S3, streamed between S3 and a file system. */
class S3CopyTest {

    static final long MIB = 1024 * 1024;
    static S3ProxyServer server;

    final CountingHttpClient http = new CountingHttpClient();
    AwsIdentity shared;
    String artifacts;
    String releases;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void buckets() {
        artifacts = newBucket(server, "artifacts");
        releases = newBucket(server, "releases");
        shared = AwsIdentity.of(CredentialSource.staticKeys(server.accessKey(), server.secretKey()));
    }

    @AfterEach
    void close() {
        shared.close();
        http.close();
    }

    @Test
    void copiesS3ToS3InsideTheServerWithoutObjectBytesPassingThroughTheClient() throws Exception {
        try (S3ArtifactStore source = store(artifacts).prefix("ci").build();
                S3ArtifactStore dest = store(releases).prefix("dist").build()) {
            byte[] bytes = "ferrocene-1.0-x86_64.tar.xz".repeat(40_000).getBytes(StandardCharsets.UTF_8);
            put(source, "1a2b3c/ferrocene.tar.xz", bytes);
            http.reset();

            Optional<ObjectInfo> copied = dest.serverSideCopy(
                    source,
                    ArtifactKey.of("1a2b3c/ferrocene.tar.xz"),
                    ArtifactKey.of("1.0/ferrocene.tar.xz"),
                    sha256(bytes));

            assertThat(copied).get().satisfies(i -> {
                assertThat(i.size()).isEqualTo(bytes.length);
                assertThat(i.sha256()).contains(sha256(bytes));
            });
            assertThat(http.contentBytes())
                    .as("object bytes through the client")
                    .isZero();
            assertThat(http.bodyBytes()).as("only small XML bodies").isLessThan(2_000);
            assertThat(dest.stat(ArtifactKey.of("1.0/ferrocene.tar.xz"))
                            .orElseThrow()
                            .sha256())
                    .contains(sha256(bytes));
            try (InputStream in = dest.open(ArtifactKey.of("1.0/ferrocene.tar.xz"))) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    @Test
    void copiesALargeObjectInPartsServerSideWhenAboveTheCopyThreshold() throws Exception {
        long size = 11 * MIB;
        String sha = sha256OfGenerated(size, 5);
        try (S3ArtifactStore source = store(artifacts).build();
                S3ArtifactStore dest = store(releases)
                        .multipartCopyThreshold(5 * MIB)
                        .copyPartSize(5 * MIB)
                        .build()) {
            source.put(ArtifactKey.of("big.bin"), generated(size, 5, n -> {}), size, sha);
            http.reset();

            assertThat(dest.serverSideCopy(source, ArtifactKey.of("big.bin"), ArtifactKey.of("big.bin"), sha))
                    .isPresent();

            assertThat(http.sent().stream().filter(s -> s.copy() && s.query().containsKey("partNumber")))
                    .as("UploadPartCopy of 5 + 5 + 1 MiB")
                    .hasSize(3);
            assertThat(http.contentBytes()).isZero();
            ObjectInfo stat = dest.stat(ArtifactKey.of("big.bin")).orElseThrow();
            assertThat(stat.size()).isEqualTo(size);
            assertThat(stat.sha256()).contains(sha);
            try (InputStream in = dest.open(ArtifactKey.of("big.bin"))) {
                assertThat(sha256(in.readAllBytes())).isEqualTo(sha);
            }
        }
    }

    @Test
    void refusesToCopyWhenTheSourceRecordsAnotherDigest() {
        try (S3ArtifactStore source = store(artifacts).build();
                S3ArtifactStore dest = store(releases).build()) {
            put(source, "a.txt", "actual".getBytes(StandardCharsets.UTF_8));
            String expected = sha256("expected".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() ->
                            dest.serverSideCopy(source, ArtifactKey.of("a.txt"), ArtifactKey.of("a.txt"), expected))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("records SHA-256 " + sha256("actual".getBytes(StandardCharsets.UTF_8)));
            assertThat(dest.stat(ArtifactKey.of("a.txt"))).isEmpty();
        }
    }

    @Test
    void aMissingSourceIsNotFound() {
        try (S3ArtifactStore source = store(artifacts).build();
                S3ArtifactStore dest = store(releases).build()) {
            assertThatThrownBy(() -> dest.serverSideCopy(
                            source, ArtifactKey.of("none"), ArtifactKey.of("none"), sha256(new byte[0])))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("'none'");
        }
    }

    @Test
    void copiesAForeignObjectByItsS3ChecksumAndRecordsTheDigest() {
        byte[] bytes = "uploaded by CI with aws s3 cp --checksum-algorithm SHA256".getBytes(StandardCharsets.UTF_8);
        try (S3Client raw = rawClient();
                S3ArtifactStore source = store(artifacts).build();
                S3ArtifactStore dest = store(releases).build()) {
            raw.putObject(
                    b -> b.bucket(artifacts)
                            .key("ci.tar")
                            .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                            .checksumSHA256(Base64.getEncoder()
                                    .encodeToString(HexFormat.of().parseHex(sha256(bytes)))),
                    RequestBody.fromBytes(bytes));
            assertThat(source.stat(ArtifactKey.of("ci.tar")).orElseThrow().sha256())
                    .contains(sha256(bytes));

            assertThat(dest.serverSideCopy(source, ArtifactKey.of("ci.tar"), ArtifactKey.of("ci.tar"), sha256(bytes)))
                    .isPresent();

            assertThat(server.blobStore().blobMetadata(releases, "ci.tar").metadata())
                    .containsEntry("releasekit-sha256", sha256(bytes));
        }
    }

    @Test
    void leavesAnObjectWithoutAnyRecordedDigestToTheCallerToStream() {
        byte[] bytes = "no checksum at all".getBytes(StandardCharsets.UTF_8);
        try (S3Client raw = rawClient();
                S3ArtifactStore source = store(artifacts).build();
                S3ArtifactStore dest = store(releases).build()) {
            raw.putObject(b -> b.bucket(artifacts).key("plain"), RequestBody.fromBytes(bytes));

            assertThat(dest.serverSideCopy(source, ArtifactKey.of("plain"), ArtifactKey.of("plain"), sha256(bytes)))
                    .isEmpty();
            assertThat(dest.stat(ArtifactKey.of("plain"))).isEmpty();
        }
    }

    @Test
    void doesNotCopyServerSideBetweenDifferentIdentitiesOrFromAFileSystem() {
        try (S3ArtifactStore source = store(artifacts).build();
                S3ArtifactStore otherIdentity =
                        S3Fixtures.storeOn(server, releases).build();
                S3ArtifactStore otherRegion =
                        store(releases).region("eu-central-1").build();
                S3ArtifactStore sameIdentity = store(releases).build()) {
            FileSystemArtifactStore fs = new FileSystemArtifactStore(dir);
            ArtifactKey k = ArtifactKey.of("k");
            String sha = sha256(new byte[0]);

            assertThat(otherIdentity.canCopyServerSideFrom(source)).isFalse();
            assertThat(otherRegion.canCopyServerSideFrom(source)).isFalse();
            assertThat(otherIdentity.serverSideCopy(source, k, k, sha)).isEmpty();
            assertThat(otherIdentity.serverSideCopy(fs, k, k, sha)).isEmpty();
            assertThat(sameIdentity.canCopyServerSideFrom(source)).isTrue();
        }
    }

    @Test
    void streamsFromAFileSystemToS3AndBack() throws Exception {
        FileSystemArtifactStore local = new FileSystemArtifactStore(dir.resolve("local"));
        FileSystemArtifactStore back = new FileSystemArtifactStore(dir.resolve("back"));
        byte[] bytes = "SHA256SUMS content\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        ArtifactKey key = ArtifactKey.of("1.0/SHA256SUMS");
        local.put(key, new ByteArrayInputStream(bytes), bytes.length, sha256(bytes));
        try (S3ArtifactStore s3 = store(releases).build()) {

            streamCopy(local, s3, key, bytes.length, sha256(bytes));
            streamCopy(s3, back, key, bytes.length, sha256(bytes));

            assertThat(s3.stat(key).orElseThrow().sha256()).contains(sha256(bytes));
            try (InputStream in = back.open(key)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
    }

    private static void streamCopy(ArtifactStore from, ArtifactStore to, ArtifactKey key, long size, String sha)
            throws Exception {
        try (InputStream in = from.open(key)) {
            to.put(key, in, size, sha);
        }
    }

    private S3ArtifactStoreBuilder store(String bucket) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .region("us-east-1")
                .endpoint(server.endpoint())
                .pathStyle(true)
                .identity(shared)
                .httpClient(http);
    }

    private S3Client rawClient() {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(server.endpoint())
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .build();
    }

    private static void put(S3ArtifactStore store, String key, byte[] bytes) {
        store.put(ArtifactKey.of(key), new ByteArrayInputStream(bytes), bytes.length, sha256(bytes));
    }
}
