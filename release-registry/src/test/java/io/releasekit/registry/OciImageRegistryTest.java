package io.releasekit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.image.BlobTransfer;
import io.releasekit.core.image.CopyImageCommand;
import io.releasekit.core.image.CopyImageReport;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageManifest;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.TagExpectation;
import io.releasekit.core.image.TagWaitOutcome;
import io.releasekit.core.image.TagWaiter;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.registry.testkit.RegistryContainer;
import io.releasekit.registry.testkit.TestImages;
import io.releasekit.registry.testkit.TestImages.Pushed;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter against Debian's docker-registry (distribution 2.8) in a container, images pushed by the tests. */
class OciImageRegistryTest {

    private static final Instant BUILT = Instant.parse("2026-11-30T10:00:00Z");
    private static ServiceGuards guards;
    private static ImageRegistries registries;

    @BeforeAll
    static void start() {
        RegistryContainer c = RegistryContainer.shared();
        guards = ServiceGuards.withDefaults();
        registries = ImageRegistries.of(
                Map.of(
                        "local", OciImageRegistry.builder("local", c.uri()).build(),
                        "paged",
                                OciImageRegistry.builder("paged", c.uri())
                                        .tagPageSize(2)
                                        .build(),
                        "other",
                                OciImageRegistry.builder("other", c.otherName()).build()),
                guards);
    }

    @AfterAll
    static void stop() {
        guards.close();
    }

    private static ImageRegistry local() {
        return registries.get("local");
    }

    private static String repo(String name) {
        return "it/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void listsEveryTagAcrossLinkPages() {
        String repo = repo("paged");
        Pushed p = TestImages.push(local(), repo, "1.0.0", 1, 64, 1, BUILT, Map.of());
        for (String t : List.of("1.0.1", "1.1.0", "2.0.0", "stable")) {
            local().putManifest(repo, t, p.mediaType(), p.manifest());
        }

        assertThat(registries.get("paged").listTags(repo))
                .containsExactlyInAnyOrder("1.0.0", "1.0.1", "1.1.0", "2.0.0", "stable");
        assertThat(local().service()).startsWith("registry:localhost_");
        assertThat(guards.statuses()).anyMatch(s -> s.service().equals(local().service()));
    }

    @Test
    void resolvesOciManifestsIndexesAndDockerSchema2() {
        String repo = repo("kinds");
        Pushed oci = TestImages.push(local(), repo, "oci", 2, 100, 2, BUILT, Map.of());
        Pushed docker =
                TestImages.push(local(), repo, "docker", 2, 100, 3, BUILT, Map.of(), ImageManifest.DOCKER_MANIFEST);
        Pushed index = TestImages.pushIndex(local(), repo, "multi", List.of(oci, docker));

        assertThat(local().resolve(repo, "oci")).contains(oci.digest());
        assertThat(local().resolve(repo, "docker")).contains(docker.digest());
        assertThat(local().resolve(repo, "multi")).contains(index.digest());
        assertThat(local().manifest(repo, "docker")).get().satisfies(m -> {
            assertThat(m.mediaType()).isEqualTo(ImageManifest.DOCKER_MANIFEST);
            assertThat(m.layers()).hasSize(2);
        });
        assertThat(local().manifest(repo, "multi")).get().satisfies(m -> {
            assertThat(m.isIndex()).isTrue();
            assertThat(m.manifests()).extracting(d -> d.digest()).containsExactly(oci.digest(), docker.digest());
        });
        assertThat(local().resolve(repo, "missing")).isEmpty();
        assertThat(local().manifest(repo, oci.digest().value()).get().bytes()).isEqualTo(oci.manifest());
    }

    @Test
    void readsBuildTimeAndLabelsAlsoThroughAnIndex() {
        String repo = repo("labels");
        Pushed amd =
                TestImages.push(local(), repo, "amd", 1, 10, 4, BUILT, Map.of(ImageConfig.REVISION_LABEL, "a1b2c3"));
        TestImages.pushIndex(local(), repo, "multi", List.of(amd));

        ImageConfig config =
                local().config(repo, local().manifest(repo, "multi").orElseThrow());

        assertThat(config.created()).contains(BUILT);
        assertThat(config.labels()).containsEntry(ImageConfig.REVISION_LABEL, "a1b2c3");
    }

    @Test
    void promotesWithinOneRegistryByMountingSoNoLayerBytePassesThroughReleasekit() {
        String from = repo("staging");
        String to = repo("prod");
        Pushed p = TestImages.push(local(), from, "build-7", 3, 50_000, 5, BUILT, Map.of());

        CopyImageReport dry = CopyImageCommand.copy(local(), from, p.digest())
                .to(local(), to)
                .tags("1.2.3")
                .dryRun(true)
                .call();
        assertThat(dry.count(BlobTransfer.How.WOULD_COPY)).isEqualTo(4);
        assertThat(local().resolve(to, "1.2.3")).isEmpty();

        CopyImageReport r = CopyImageCommand.copy(local(), from, p.digest())
                .to(local(), to)
                .tags("1.2.3", "stable")
                .call();

        assertThat(r.count(BlobTransfer.How.MOUNTED)).isEqualTo(4);
        assertThat(r.bytesStreamed()).isZero();
        assertThat(local().resolve(to, "1.2.3")).contains(p.digest());
        assertThat(local().resolve(to, "stable")).contains(p.digest());
        CopyImageReport again = CopyImageCommand.copy(local(), from, p.digest())
                .to(local(), to)
                .tags("1.2.3")
                .call();
        assertThat(again.count(BlobTransfer.How.PRESENT)).isEqualTo(4);
        assertThat(again.manifests()).isEmpty();
    }

    @Test
    void promotesAnIndexAcrossRegistriesByStreamingAndKeepsEveryDigest() throws Exception {
        String from = repo("src");
        String to = repo("dst");
        Pushed a = TestImages.push(local(), from, "a", 2, 30_000, 6, BUILT, Map.of());
        Pushed b = TestImages.push(local(), from, "b", 2, 30_000, 7, BUILT, Map.of(), ImageManifest.DOCKER_MANIFEST);
        Pushed index = TestImages.pushIndex(local(), from, "2.0.0", List.of(a, b));

        CopyImageReport r = CopyImageCommand.copy(local(), from, index.digest())
                .to(registries.get("other"), to)
                .tags("2.0.0")
                .call();

        assertThat(r.count(BlobTransfer.How.STREAMED)).isEqualTo(6);
        assertThat(r.bytesStreamed())
                .isEqualTo(a.blobs().stream().mapToLong(d -> d.size()).sum()
                        + b.blobs().stream().mapToLong(d -> d.size()).sum());
        assertThat(r.manifests()).containsExactly(a.digest(), b.digest(), index.digest());
        ImageRegistry other = registries.get("other");
        assertThat(other.resolve(to, "2.0.0")).contains(index.digest());
        try (InputStream in = other.openBlob(to, a.blobs().get(1).digest())) {
            assertThat(TestImages.sha256(in.readAllBytes()))
                    .isEqualTo(a.blobs().get(1).digest());
        }
    }

    @Test
    void tagsAnExistingDigest() {
        String repo = repo("tagging");
        Pushed p = TestImages.push(local(), repo, "build-9", 1, 10, 8, BUILT, Map.of());

        CopyImageCommand.copy(local(), repo, p.digest())
                .to(local(), repo)
                .tags("3.0.0")
                .call();

        assertThat(local().resolve(repo, "3.0.0")).contains(p.digest());
    }

    @Test
    void deletesAManifestWithItsTags() {
        String repo = repo("delete");
        Pushed keep = TestImages.push(local(), repo, "keep", 1, 10, 9, BUILT, Map.of());
        Pushed gone = TestImages.push(local(), repo, "gone", 1, 10, 10, BUILT, Map.of());

        local().deleteManifest(repo, gone.digest());

        assertThat(local().resolve(repo, "gone")).isEmpty();
        assertThat(local().resolve(repo, "keep")).contains(keep.digest());
        assertThat(local().listTags(repo)).containsExactly("keep");
        assertThatThrownBy(() -> local().deleteTag(repo, "keep"))
                .isInstanceOf(io.releasekit.core.NotPermittedException.class)
                .hasMessageContaining("deletes manifests only");
    }

    @Test
    void waitsUntilCiPushesTheImageOfTheCommit() throws Exception {
        String repo = repo("wait");
        TestImages.push(local(), repo, "stable", 1, 10, 11, BUILT, Map.of(ImageConfig.REVISION_LABEL, "old"));
        CountDownLatch polled = new CountDownLatch(2);
        ImageRegistry counting = new CountingRegistry(local(), polled);

        CompletableFuture<TagWaitOutcome> wait = CompletableFuture.supplyAsync(() -> {
            try {
                return new TagWaiter(Clock.systemUTC(), Sleeper.threadSleep())
                        .await(
                                counting,
                                repo,
                                "stable",
                                TagExpectation.revision("new"),
                                Duration.ofSeconds(30),
                                Duration.ofMillis(50));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(polled.await(10, TimeUnit.SECONDS)).isTrue();
        Pushed fresh =
                TestImages.push(local(), repo, "stable", 1, 10, 12, BUILT, Map.of(ImageConfig.REVISION_LABEL, "new"));

        TagWaitOutcome outcome = wait.get(20, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOfSatisfying(TagWaitOutcome.Found.class, f -> {
            assertThat(f.digest()).isEqualTo(fresh.digest());
            assertThat(f.polls()).isGreaterThanOrEqualTo(3);
        });
    }

    @Test
    void aWaitEndsAtItsTimeLimitNamingWhatWasMissing() throws Exception {
        String repo = repo("timeout");
        TestImages.push(local(), repo, "stable", 1, 10, 13, BUILT, Map.of(ImageConfig.REVISION_LABEL, "old"));

        TagWaitOutcome o = new TagWaiter(Clock.systemUTC(), Sleeper.threadSleep())
                .await(
                        local(),
                        repo,
                        "stable",
                        TagExpectation.revision("abc"),
                        Duration.ofMillis(300),
                        Duration.ofMillis(100));

        assertThat(o).isInstanceOfSatisfying(TagWaitOutcome.TimedOut.class, t -> assertThat(t.reason())
                .contains("label org.opencontainers.image.revision is 'old', not 'abc'"));
    }

    @Test
    void missingThingsAreNotFoundAndBadNamesInvalid() {
        assertThatThrownBy(() -> local().listTags(repo("never")))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("NAME_UNKNOWN");
        assertThatThrownBy(() -> local().listTags("Bad/Name")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> local().resolve("a", "-x")).isInstanceOf(InvalidInputException.class);
        assertThat(guards.status(local().service()).state().name()).isEqualTo("CLOSED");
    }

    /** Counts manifest reads so the test knows the waiter has looked before the image is pushed. */
    private record CountingRegistry(ImageRegistry delegate, CountDownLatch polled) implements ImageRegistry {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public String host() {
            return delegate.host();
        }

        @Override
        public String service() {
            return delegate.service();
        }

        @Override
        public List<String> listTags(String repository) {
            return delegate.listTags(repository);
        }

        @Override
        public java.util.Optional<ImageManifest> manifest(String repository, String reference) {
            polled.countDown();
            return delegate.manifest(repository, reference);
        }

        @Override
        public ImageConfig config(String repository, ImageManifest manifest) {
            return delegate.config(repository, manifest);
        }

        @Override
        public boolean hasBlob(String repository, io.releasekit.core.image.ImageDigest digest) {
            return delegate.hasBlob(repository, digest);
        }

        @Override
        public boolean mountBlob(String repository, io.releasekit.core.image.ImageDigest digest, String from) {
            return delegate.mountBlob(repository, digest, from);
        }

        @Override
        public InputStream openBlob(String repository, io.releasekit.core.image.ImageDigest digest) {
            return delegate.openBlob(repository, digest);
        }

        @Override
        public void pushBlob(
                String repository, io.releasekit.core.image.Descriptor blob, io.releasekit.core.host.StreamSource c) {
            delegate.pushBlob(repository, blob, c);
        }

        @Override
        public io.releasekit.core.image.ImageDigest putManifest(
                String repository, String reference, String mediaType, byte[] bytes) {
            return delegate.putManifest(repository, reference, mediaType, bytes);
        }

        @Override
        public void deleteManifest(String repository, io.releasekit.core.image.ImageDigest digest) {
            delegate.deleteManifest(repository, digest);
        }
    }
}
