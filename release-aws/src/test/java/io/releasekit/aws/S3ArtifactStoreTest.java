package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.generated;
import static io.releasekit.aws.testkit.S3Fixtures.newBucket;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static io.releasekit.aws.testkit.S3Fixtures.sha256OfGenerated;
import static io.releasekit.aws.testkit.S3Fixtures.storeOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.aws.testkit.CountingHttpClient;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ObjectInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The S3 store against S3Proxy over HTTP, through the real SDK client: reads, writes, digests, pagination. */
class S3ArtifactStoreTest {

    static final long MIB = 1024 * 1024;

    static S3ProxyServer server;
    final CountingHttpClient http = new CountingHttpClient();
    String bucket;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void newBucketPerTest() {
        bucket = newBucket(server, "store");
    }

    @AfterEach
    void closeHttp() {
        http.close();
    }

    @Test
    void writesStatsAndReadsBackWithTheRecordedDigest() throws Exception {
        try (S3ArtifactStore store =
                storeOn(server, bucket).prefix("ferrocene/").build()) {
            byte[] bytes = "ferrocene-1.0.tar.xz bits".getBytes(StandardCharsets.UTF_8);
            ArtifactKey key = ArtifactKey.of("1a2b3c/dist/ferrocene.tar.xz");

            ObjectInfo written = store.put(key, new ByteArrayInputStream(bytes), bytes.length, sha256(bytes));

            assertThat(written.sha256()).contains(sha256(bytes));
            ObjectInfo stat = store.stat(key).orElseThrow();
            assertThat(stat.size()).isEqualTo(bytes.length);
            assertThat(stat.sha256()).contains(sha256(bytes));
            assertThat(stat.lastModified()).isPresent();
            try (InputStream in = store.open(key)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
            assertThat(server.blobStore().blobExists(bucket, "ferrocene/1a2b3c/dist/ferrocene.tar.xz"))
                    .isTrue();
            assertThat(server.blobStore()
                            .blobMetadata(bucket, "ferrocene/1a2b3c/dist/ferrocene.tar.xz")
                            .metadata())
                    .containsEntry("releasekit-sha256", sha256(bytes));
        }
    }

    @Test
    void theServerRefusesContentThatDoesNotMatchItsDigestAndStoresNothing() {
        try (S3ArtifactStore store = storeOn(server, bucket).build()) {
            byte[] bytes = "tampered".getBytes(StandardCharsets.UTF_8);
            String claimed = sha256("original".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(() -> store.put(ArtifactKey.of("a/b"), new ByteArrayInputStream(bytes), 8, claimed))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("BadDigest")
                    .hasMessageContaining("does not match");

            assertThat(store.stat(ArtifactKey.of("a/b"))).isEmpty();
            assertThat(store.list("")).isEmpty();
        }
    }

    @Test
    void contentShorterThanAnnouncedIsAConflictAndStoresNothing() {
        try (S3ArtifactStore store = storeOn(server, bucket).build()) {
            byte[] bytes = "short".getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(
                            () -> store.put(ArtifactKey.of("s"), new ByteArrayInputStream(bytes), 100, sha256(bytes)))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("ended after 5 of the announced 100 bytes");

            assertThat(store.stat(ArtifactKey.of("s"))).isEmpty();
        }
    }

    @Test
    void aMissingObjectIsNotFoundAndHasNoStat() {
        try (S3ArtifactStore store = storeOn(server, bucket).build()) {
            assertThat(store.stat(ArtifactKey.of("nope/x"))).isEmpty();
            assertThatThrownBy(() -> store.open(ArtifactKey.of("nope/x")))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("NoSuchKey")
                    .hasMessageContaining("'nope/x'")
                    .hasMessageContaining("s3://" + bucket + "/");
        }
    }

    @Test
    void aMissingBucketIsNotFound() {
        try (S3ArtifactStore store = storeOn(server, "no-such-bucket").build()) {
            assertThatThrownBy(() -> store.list(""))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("NoSuchBucket");
        }
    }

    @Test
    void listsEveryPageSortedAndRelativeToThePrefix() {
        try (S3ArtifactStore store = storeOn(server, bucket)
                        .prefix("a")
                        .listPageSize(7)
                        .httpClient(http)
                        .build();
                S3ArtifactStore whole = storeOn(server, bucket).build()) {
            List<String> keys = IntStream.range(0, 25)
                    .mapToObj(i -> String.format("dir/obj-%02d", 24 - i))
                    .toList();
            keys.forEach(k -> put(store, k, k));
            put(whole, "b/outside", "not below the prefix");
            http.reset();

            List<ObjectInfo> listed = store.list("dir/");

            assertThat(listed)
                    .extracting(o -> o.key().value())
                    .containsExactlyElementsOf(keys.stream().sorted().toList());
            assertThat(http.sent().stream().filter(CountingHttpClient.Sent::isList))
                    .as("25 keys at 7 per page")
                    .hasSize(4);
            assertThat(store.list("")).hasSize(25);
            assertThat(whole.list("")).hasSize(26);
        }
    }

    @Test
    void uploadsALargeObjectPartByPartHoldingOnePartInMemoryWithConcurrencyOne() throws Exception {
        long size = 23 * MIB;
        long part = 5 * MIB;
        String sha = sha256OfGenerated(size, 7);
        try (S3ArtifactStore store = storeOn(server, bucket)
                .multipartThreshold(8 * MIB)
                .partSize(part)
                .uploadConcurrency(1)
                .httpClient(http)
                .build()) {
            AtomicLong maxAhead = new AtomicLong();
            InputStream content =
                    generated(size, 7, read -> maxAhead.accumulateAndGet(read - http.contentBytesUp(), Math::max));

            ObjectInfo info = store.put(ArtifactKey.of("big/blob.bin"), content, size, sha);

            assertThat(info.sha256()).contains(sha);
            assertThat(http.sent().stream().filter(s -> s.query().containsKey("partNumber")))
                    .as("23 MiB in 5 MiB parts")
                    .hasSize(5);
            assertThat(maxAhead.get())
                    .as("bytes read from the source but not yet sent never exceed one part")
                    .isLessThanOrEqualTo(part);
            ObjectInfo stat = store.stat(ArtifactKey.of("big/blob.bin")).orElseThrow();
            assertThat(stat.size()).isEqualTo(size);
            assertThat(stat.sha256()).contains(sha);
            try (InputStream in = store.open(ArtifactKey.of("big/blob.bin"))) {
                assertThat(sha256(in.readAllBytes())).isEqualTo(sha);
            }
        }
    }

    @Test
    void aMultipartUploadWithTheWrongDigestIsAbortedAndLeavesNothing() {
        long size = 11 * MIB;
        try (S3ArtifactStore store = storeOn(server, bucket)
                .multipartThreshold(5 * MIB)
                .partSize(5 * MIB)
                .build()) {
            String wrong = sha256("something else".getBytes(StandardCharsets.UTF_8));

            assertThatThrownBy(
                            () -> store.put(ArtifactKey.of("big/wrong.bin"), generated(size, 3, n -> {}), size, wrong))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("does not match")
                    .hasMessageContaining("aborted");

            assertThat(store.stat(ArtifactKey.of("big/wrong.bin"))).isEmpty();
            assertThat(server.blobStore().listMultipartUploads(bucket)).isEmpty();
        }
    }

    @Test
    void servicesNameTheRegion() {
        try (S3ArtifactStore store =
                storeOn(server, bucket).region("eu-central-1").prefix("/rel/").build()) {
            assertThat(store.service()).contains("s3:eu-central-1");
            assertThat(store.services()).containsExactly("s3:eu-central-1");
            assertThat(store.location()).isEqualTo("s3://" + bucket + "/rel/");
        }
    }

    private static void put(S3ArtifactStore store, String key, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        store.put(ArtifactKey.of(key), new ByteArrayInputStream(b), b.length, sha256(b));
    }

    @Test
    void replacesAnObjectOnlyWhenItIsStillTheOneTheWriterRead() throws Exception {
        try (S3ArtifactStore store =
                storeOn(server, bucket).prefix("ferrocene/").build()) {
            ArtifactKey key = ArtifactKey.of("index.json");
            byte[] first = "[\"a\"]".getBytes(StandardCharsets.UTF_8);
            byte[] second = "[\"a\", \"b\"]".getBytes(StandardCharsets.UTF_8);

            // given: created only where there was nothing (If-None-Match: *)
            store.putIfUnchanged(key, first, Optional.empty());
            assertThatThrownBy(() -> store.putIfUnchanged(key, second, Optional.empty()))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("expected no object");

            // when: a writer that read the first version replaces it; one that read an older one is refused
            ObjectInfo replaced = store.putIfUnchanged(key, second, Optional.of(sha256(first)));
            assertThatThrownBy(() -> store.putIfUnchanged(key, first, Optional.of(sha256(first))))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("found SHA-256 " + sha256(second));

            // then
            assertThat(replaced.sha256()).contains(sha256(second));
            assertThat(store.stat(key).orElseThrow().sha256()).contains(sha256(second));
            try (InputStream in = store.open(key)) {
                assertThat(in.readAllBytes()).isEqualTo(second);
            }
        }
    }
}
