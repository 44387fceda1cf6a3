package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.newBucket;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static io.releasekit.aws.testkit.S3Fixtures.storeOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.releasekit.aws.testkit.CountingHttpClient;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.service.ServiceStateChange;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** An S3 outage seen through the service guards: the breaker opens, refuses fast, and closes once S3 is back. */
class S3OutageTest {

    static final String S3 = "s3:us-east-1";

    @Test
    void opensTheBreakerDuringAnOutageRefusesFastAndRecoversWhenS3IsBack() {
        ServiceGuards guards = ServiceGuards.builder()
                .service(
                        "s3",
                        GuardConfig.defaults()
                                .withWindow(3, 4)
                                .withMaxAttempts(1)
                                .withWaits(Duration.ofMillis(700), Duration.ofMillis(20))
                                .withTimeout(Duration.ofSeconds(5)))
                .build();
        List<ServiceStateChange> changes = new CopyOnWriteArrayList<>();
        guards.addListener(changes::add);
        try (S3ProxyServer server = S3ProxyServer.inMemory();
                CountingHttpClient http = new CountingHttpClient();
                S3ArtifactStore store = storeOn(server, newBucket(server, "outage"))
                        .sdkMaxAttempts(1)
                        .httpClient(http)
                        .build()) {
            byte[] bytes = "release".getBytes(StandardCharsets.UTF_8);
            ArtifactKey key = ArtifactKey.of("r/1.0.tar");
            guards.call(S3, () -> store.put(key, new ByteArrayInputStream(bytes), bytes.length, sha256(bytes)));

            server.stop();
            // window: the put and two failures = 3 calls at 67 % failures, above the 50 % threshold
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> guards.call(S3, () -> store.stat(key)))
                        .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                                .isEqualTo(S3))
                        .hasMessageContaining("could not be reached");
            }
            assertThat(guards.status(S3).state()).isEqualTo(BreakerState.OPEN);

            int sentBefore = http.sent().size();
            long start = System.nanoTime();
            assertThatThrownBy(() -> guards.call(S3, () -> store.stat(key)))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                        assertThat(e.breakerState()).contains("OPEN");
                        assertThat(e.retryAfter()).isPresent();
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
            assertThat(http.sent()).as("refused without a request").hasSize(sentBefore);

            server.restart();
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(ServiceUnavailableException.class)
                    .until(() -> guards.call(S3, () -> store.stat(key)).isPresent());
            // half-open lets two probe calls through; both succeed, the breaker closes
            assertThat(guards.call(S3, () -> store.stat(key))).isPresent();
            assertThat(guards.status(S3).state()).isEqualTo(BreakerState.CLOSED);
            assertThat(changes).extracting(ServiceStateChange::to).contains(BreakerState.OPEN, BreakerState.CLOSED);
        } finally {
            guards.close();
        }
    }
}
