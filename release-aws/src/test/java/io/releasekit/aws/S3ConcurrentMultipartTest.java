package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.generated;
import static io.releasekit.aws.testkit.S3Fixtures.newBucket;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static io.releasekit.aws.testkit.S3Fixtures.sha256OfGenerated;
import static io.releasekit.aws.testkit.S3Fixtures.storeOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.aws.testkit.UploadPartProbe;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Multipart uploads send their parts concurrently against S3Proxy: at most {@code uploadConcurrency} parts (and part
 * buffers) at once, the source read once in order, the right object assembled; a failed part aborts the whole upload
 * only after the parts in flight have answered, and the guard's retry then stores the object.
 */
class S3ConcurrentMultipartTest {

    static final long MIB = 1024 * 1024;
    static final long SIZE = 40 * MIB;
    static final long PART = 8 * MIB;
    static final int PARTS = 5;
    static final int N = 4;
    static final String S3 = "s3:us-east-1";

    static S3ProxyServer server;
    static String sha;
    final UploadPartProbe probe = new UploadPartProbe(Apache5HttpClient.create());
    String bucket;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.inMemory();
        sha = sha256OfGenerated(SIZE, 11);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void newBucketPerTest() {
        bucket = newBucket(server, "parallel");
    }

    @AfterEach
    void closeHttp() {
        probe.close();
    }

    private S3ArtifactStore store() {
        return storeOn(server, bucket)
                .multipartThreshold(PART)
                .partSize(PART)
                .uploadConcurrency(N)
                .sdkMaxAttempts(1)
                .httpClient(probe)
                .build();
    }

    @Test
    void uploadsFourPartsAtOnceNeverMoreAndHoldsAtMostFourPartsOfTheSource() throws Exception {
        AtomicLong read = new AtomicLong();
        AtomicLong readWhenFourInFlight = new AtomicLong(-1);
        probe.gate(N, () -> readWhenFourInFlight.set(read.get()));
        ArtifactKey key = ArtifactKey.of("dist/ferrocene-src.tar.xz");
        try (S3ArtifactStore store = store()) {

            ObjectInfo info = store.put(key, generated(SIZE, 11, read::set), SIZE, sha);

            assertThat(info.sha256()).contains(sha);
            assertThat(probe.parts()).as("40 MiB in 8 MiB parts").isEqualTo(PARTS);
            assertThat(probe.peak())
                    .as("the first four parts were held until all four were in flight, never a fifth")
                    .isEqualTo(N);
            assertThat(readWhenFourInFlight.get())
                    .as("with four parts in flight the source was read exactly four parts far, no further")
                    .isEqualTo(N * PART);
            ObjectInfo stat = store.stat(key).orElseThrow();
            assertThat(stat.size()).isEqualTo(SIZE);
            assertThat(stat.sha256()).contains(sha);
            try (InputStream in = store.open(key)) {
                assertThat(sha256(in.readAllBytes()))
                        .as("parts assembled in order")
                        .isEqualTo(sha);
            }
            assertThat(server.blobStore().listMultipartUploads(bucket)).isEmpty();
        }
    }

    @Test
    void aFailedPartAbortsTheUploadAfterThePartsInFlightAnsweredAndLeavesNothing() {
        // parts 1-4 are in flight together when part 3 gets its 500
        probe.gate(N, () -> {}).failOnce(3);
        ArtifactKey key = ArtifactKey.of("dist/failed.tar.xz");
        try (S3ArtifactStore store = store()) {

            assertThatThrownBy(() -> store.put(key, generated(SIZE, 11, n -> {}), SIZE, sha))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                        assertThat(e.service()).isEqualTo(S3);
                        assertThat(e.getCause())
                                .as("translated once, straight from the SDK's error")
                                .isInstanceOfSatisfying(S3Exception.class, s -> assertThat(s.statusCode())
                                        .isEqualTo(500));
                    })
                    .hasMessageContaining("upload of 'dist/failed.tar.xz'")
                    .hasMessageContaining("HTTP 500 InternalError");

            assertThat(probe.aborts()).isEqualTo(1);
            assertThat(probe.inFlightAtAbort())
                    .as("no part was still in flight when the upload was aborted")
                    .isZero();
            assertThat(probe.parts())
                    .as("no part is read after the failure is known: the fifth is never sent")
                    .isEqualTo(N);
            assertThat(server.blobStore().listMultipartUploads(bucket)).isEmpty();
            assertThat(store.stat(key)).isEmpty();
        }
    }

    @Test
    void theGuardRetriesAPutWhosePartFailedAndTheObjectIsStoredOnce() throws Exception {
        probe.failOnce(2);
        ServiceGuards guards = ServiceGuards.builder()
                .service(
                        "s3",
                        GuardConfig.defaults()
                                .withMaxAttempts(2)
                                .withWaits(Duration.ofSeconds(5), Duration.ofMillis(10))
                                .withTimeout(Duration.ofSeconds(60)))
                .build();
        ArtifactKey key = ArtifactKey.of("dist/retried.tar.xz");
        try (S3ArtifactStore store = store()) {

            ObjectInfo info = guards.call(S3, () -> {
                try (InputStream in = generated(SIZE, 11, n -> {})) {
                    return store.put(key, in, SIZE, sha);
                }
            });

            assertThat(info.sha256()).contains(sha);
            assertThat(probe.aborts()).as("the failed attempt was aborted").isEqualTo(1);
            assertThat(probe.inFlightAtAbort()).isZero();
            assertThat(server.blobStore().listMultipartUploads(bucket))
                    .as("neither attempt left an upload behind")
                    .isEmpty();
            try (InputStream in = store.open(key)) {
                assertThat(sha256(in.readAllBytes())).isEqualTo(sha);
            }
        }
    }
}
