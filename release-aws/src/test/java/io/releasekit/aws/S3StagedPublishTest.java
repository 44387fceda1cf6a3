package io.releasekit.aws;

import static io.releasekit.aws.testkit.S3Fixtures.newBucket;
import static io.releasekit.aws.testkit.S3Fixtures.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.aws.testkit.S3Fixtures;
import io.releasekit.aws.testkit.S3ProxyServer;
import io.releasekit.aws.testkit.WatchedStore;
import io.releasekit.core.ConflictException;
import io.releasekit.core.artifact.PublishResult;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.artifact.StagedKeys;
import io.releasekit.core.service.ServiceGuards;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Staged publication on S3Proxy: every object is written under its staged key and moved to its final key only once it
 * has been verified there, so a listing taken at any moment of the run — what a reader or a bucket-triggered pipeline
 * sees — never shows an unverified object at a final key, and the manifest comes last.
 */
class S3StagedPublishTest {

    static final int ARTIFACTS = 8;
    static S3ProxyServer server;

    final ServiceGuards guards = ServiceGuards.withDefaults();
    AwsIdentity shared;
    S3ArtifactStore artifacts;
    S3ArtifactStore releases;
    Map<String, String> digests;

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
        digests = new ConcurrentHashMap<>();
        StringBuilder sums = new StringBuilder();
        for (int i = 0; i < ARTIFACTS; i++) {
            byte[] bytes = ("artifact " + i + " ").repeat(2_000 + i).getBytes(StandardCharsets.UTF_8);
            put(artifacts, "1a2b3c/dist/artifact-" + i + ".zip", bytes);
            digests.put("1.0/dist/artifact-" + i + ".zip", sha256(bytes));
            sums.append(sha256(bytes)).append("  dist/artifact-").append(i).append(".zip\n");
        }
        put(artifacts, "1a2b3c/SHA256SUMS", sums.toString().getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() {
        artifacts.close();
        releases.close();
        shared.close();
        guards.close();
    }

    @ParameterizedTest(name = "trustStoreChecksums={0}")
    @ValueSource(booleans = {false, true})
    void aListingDuringTheRunNeverShowsAnUnverifiedObjectAtAFinalKey(boolean trust) {
        WatchedStore destination = new WatchedStore(releases, releases, "1.0/", digests.keySet(), Set.of());

        PublishResult r = new Publisher(guards)
                .publish(artifacts, "1a2b3c/", destination, "1.0/")
                .trustStoreChecksums(trust)
                .staged(true)
                .concurrency(4)
                .call();

        assertThat(r.destinationReport().orElseThrow().passed()).isTrue();
        assertThat(destination.violations()).isEmpty();
        assertThat(destination.moved()).hasSize(ARTIFACTS);
        assertThat(destination.listings()).as("listings taken during the run").isGreaterThanOrEqualTo(2 * ARTIFACTS);
        List<String> events = destination.events();
        assertThat(events.get(events.size() - 1))
                .as("the manifest last, after every move: %s", events)
                .isEqualTo("put 1.0/SHA256SUMS");
        assertThat(releases.list("1.0/"))
                .extracting(o -> o.key().value())
                .as("no staged copy is left behind")
                .noneMatch(StagedKeys::isStaged)
                .contains("1.0/SHA256SUMS");
    }

    @ParameterizedTest(name = "trustStoreChecksums={0}")
    @ValueSource(booleans = {false, true})
    void aStagedCopyThatDoesNotVerifyIsNeverMovedIntoPlace(boolean trust) {
        WatchedStore destination =
                new WatchedStore(releases, releases, "1.0/", digests.keySet(), Set.of("1.0/dist/artifact-5.zip"));

        assertThatThrownBy(() -> new Publisher(guards)
                        .publish(artifacts, "1a2b3c/", destination, "1.0/")
                        .trustStoreChecksums(trust)
                        .staged(true)
                        .concurrency(1)
                        .call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("artifact-5.zip")
                .hasMessageContaining("not moved into place");

        List<String> keys =
                releases.list("1.0/").stream().map(o -> o.key().value()).toList();
        assertThat(keys).doesNotContain("1.0/dist/artifact-5.zip", "1.0/SHA256SUMS");
        assertThat(keys).anyMatch(k -> k.startsWith("1.0/dist/artifact-5.zip" + StagedKeys.MARKER));
        assertThat(destination.violations()).isEmpty();
    }

    private S3ArtifactStore store(String bucket) {
        return S3ArtifactStore.builder()
                .bucket(bucket)
                .region("us-east-1")
                .endpoint(server.endpoint())
                .pathStyle(true)
                .identity(shared)
                .build();
    }

    private void put(S3ArtifactStore store, String key, byte[] bytes) {
        S3Fixtures.putGuarded(store, guards, key, bytes);
    }
}
