package io.releasekit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.artifact.signature.Keyring;
import io.releasekit.core.artifact.signature.SignaturePolicy;
import io.releasekit.core.artifact.signature.SignatureRefusedException;
import io.releasekit.core.fence.ClaimLostException;
import io.releasekit.core.fence.WriteFence;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingArtifactStore;
import io.releasekit.core.testkit.TestPgpKey;
import io.releasekit.core.testkit.TestRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTest {

    @TempDir
    Path tmp;

    final ServiceGuards guards = ServiceGuards.withDefaults();
    final Publisher publisher = new Publisher(guards);
    final TestRelease release = TestRelease.of(6);
    Path src;
    Path dst;
    RecordingArtifactStore dest;

    @BeforeEach
    void stores() {
        src = release.writeTo(tmp.resolve("artifacts/1a2b3c4"));
        dst = tmp.resolve("releases");
        dest = new RecordingArtifactStore(new FileSystemArtifactStore(dst));
    }

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void publishesAVerifiedReleaseAndWritesTheManifestLast() throws IOException {
        List<long[]> progress = new ArrayList<>();

        PublishResult r = publish()
                .concurrency(3)
                .onProgress((d, t, b) -> progress.add(new long[] {d, t, b}))
                .call();

        assertThat(r.copies().written()).isEqualTo(6);
        assertThat(r.manifest()).isEqualTo(ManifestAction.WRITTEN);
        assertThat(r.destinationReport())
                .hasValueSatisfying(v -> assertThat(v.passed()).isTrue());
        assertThat(dest.putOrder()).hasSize(7).last().isEqualTo("dist/1.0/SHA256SUMS");
        for (var f : release.files().entrySet()) {
            assertThat(dst.resolve("dist/1.0/" + f.getKey())).hasBinaryContent(f.getValue());
        }
        assertThat(dst.resolve("dist/1.0/SHA256SUMS")).hasSameBinaryContentAs(src.resolve("SHA256SUMS"));
        assertThat(progress).isNotEmpty();
    }

    @Test
    void aPublishWhoseRunWasTakenOverStopsWritingAtItsNextWrite() {
        AtomicInteger checks = new AtomicInteger();
        // the claim holds for three writes, then another replica takes the run over
        WriteFence.Claim claim = new WriteFence.Claim() {
            @Override
            public String runId() {
                return "r1";
            }

            @Override
            public void check() {
                if (checks.incrementAndGet() > 3) {
                    throw new ClaimLostException("run 'r1' was taken over by replica 'b'");
                }
            }
        };

        try (WriteFence.Binding ignored = WriteFence.bind(claim)) {
            // copies run on worker threads: the claim goes with them
            assertThatThrownBy(() -> publish().concurrency(3).call()).isInstanceOf(ClaimLostException.class);
        }

        assertThat(dest.putOrder()).as("writes after the takeover").hasSizeLessThanOrEqualTo(3);
        assertThat(dst.resolve("dist/1.0/SHA256SUMS")).doesNotExist();
    }

    @Test
    void publishesNothingWhenAnArtifactWasTampered() throws IOException {
        Files.writeString(src.resolve("artifact-3.bin"), "tampered");

        assertThatThrownBy(() -> publish().call())
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("artifact-3.bin");
        assertThat(filesUnder(dst)).isEmpty();
    }

    @Test
    void refusesAnUnsignedOrForeignSignedReleaseWhenSignaturesAreRequired() throws IOException {
        TestPgpKey trusted = TestPgpKey.generate("Release <r@example.org>");
        TestPgpKey other = TestPgpKey.generate("Other <o@example.org>");
        SignaturePolicy policy = SignaturePolicy.requireManifest(Keyring.fromArmored(trusted.armoredPublicKey()));

        assertThatThrownBy(() -> publish().signatures(policy).call())
                .isInstanceOf(SignatureRefusedException.class)
                .hasMessageContaining("MISSING");
        Files.write(src.resolve("SHA256SUMS.asc"), other.signArmored(Files.readAllBytes(src.resolve("SHA256SUMS"))));
        assertThatThrownBy(() -> publish().signatures(policy).call())
                .isInstanceOf(SignatureRefusedException.class)
                .hasMessageContaining("UNKNOWN_KEY");
        assertThat(filesUnder(dst)).isEmpty();

        Files.write(src.resolve("SHA256SUMS.asc"), trusted.signArmored(Files.readAllBytes(src.resolve("SHA256SUMS"))));
        Files.write(
                src.resolve("artifact-0.bin.sig"),
                trusted.sign(release.files().get("artifact-0.bin"), false, Instant.now()));
        publish().signatures(policy).call();

        assertThat(dest.putOrder())
                .endsWith("dist/1.0/SHA256SUMS.asc", "dist/1.0/SHA256SUMS")
                .contains("dist/1.0/artifact-0.bin.sig");
    }

    @Test
    void refusesManifestEntriesThatTraverseAndPublishesNothing() throws IOException {
        Files.writeString(
                src.resolve("SHA256SUMS"),
                "0".repeat(64) + "  ../../etc/passwd\n",
                java.nio.file.StandardOpenOption.APPEND);

        // the verification before the copy reports the entry as REFUSED_NAME (the others are verified): a failure
        assertThatThrownBy(() -> publish().call())
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("REFUSED_NAME ../../etc/passwd");
        assertThat(filesUnder(dst)).isEmpty();
    }

    @Test
    void resumesAfterACrashWithoutCopyingAnythingTwice() {
        dest.crashAfterPuts(3);

        assertThatThrownBy(() -> publish().concurrency(1).call())
                .isInstanceOf(RecordingArtifactStore.SimulatedCrash.class);
        assertThat(dest.putOrder()).hasSize(3).doesNotContain("dist/1.0/SHA256SUMS");
        assertThat(dst.resolve("dist/1.0/SHA256SUMS")).doesNotExist();

        dest.healed();
        PublishResult r = publish().concurrency(3).call();

        assertThat(r.copies().skipped()).isEqualTo(3);
        assertThat(r.copies().written()).isEqualTo(3);
        assertThat(dest.putCounts())
                .hasSize(7)
                .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    }

    @Test
    void rerunningACompletedPublicationChangesNothing() {
        publish().call();
        int puts = dest.putOrder().size();

        PublishResult again = publish().call();

        assertThat(again.copies().skipped()).isEqualTo(6);
        assertThat(again.manifest()).isEqualTo(ManifestAction.UNCHANGED);
        assertThat(dest.putOrder()).hasSize(puts);
    }

    @Test
    void skipsAnObjectAlreadyPresentWithTheSameDigest() throws IOException {
        Files.createDirectories(dst.resolve("dist/1.0"));
        Files.write(dst.resolve("dist/1.0/artifact-2.bin"), release.files().get("artifact-2.bin"));

        PublishResult r = publish().call();

        assertThat(r.copies().outcomes())
                .filteredOn(o -> o.name().equals("artifact-2.bin"))
                .singleElement()
                .extracting(CopyOutcome::action)
                .isEqualTo(CopyAction.SKIPPED_IDENTICAL);
        assertThat(dest.putCounts()).doesNotContainKey("dist/1.0/artifact-2.bin");
    }

    @Test
    void refusesADifferentObjectAtTheSameKeyUnlessOverwriting() throws IOException {
        Files.createDirectories(dst.resolve("dist/1.0"));
        Files.writeString(dst.resolve("dist/1.0/artifact-4.bin"), "something else");

        assertThatThrownBy(() -> publish().call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("dist/1.0/artifact-4.bin")
                .hasMessageContaining("overwrite is off");
        assertThat(dest.putOrder()).isEmpty();

        PublishResult r = publish().overwrite(true).call();

        assertThat(r.copies().outcomes())
                .filteredOn(o -> o.action() == CopyAction.REPLACED)
                .hasSize(1);
        assertThat(dst.resolve("dist/1.0/artifact-4.bin"))
                .hasBinaryContent(release.files().get("artifact-4.bin"));
    }

    @Test
    void refusesADifferentPublishedManifestUnlessOverwriting() throws IOException {
        Files.createDirectories(dst.resolve("dist/1.0"));
        Files.writeString(dst.resolve("dist/1.0/SHA256SUMS"), "an older release\n");

        assertThatThrownBy(() -> publish().call())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("SHA256SUMS");
        assertThat(publish().overwrite(true).call().manifest()).isEqualTo(ManifestAction.REPLACED);
    }

    @Test
    void dryRunListsThePlanAndWritesNothing() throws IOException {
        Files.createDirectories(dst.resolve("dist/1.0"));
        Files.write(dst.resolve("dist/1.0/artifact-0.bin"), release.files().get("artifact-0.bin"));

        PublishResult r = publish().dryRun(true).call();

        assertThat(r.dryRun()).isTrue();
        assertThat(r.copies().outcomes())
                .extracting(CopyOutcome::action)
                .containsExactly(
                        CopyAction.SKIPPED_IDENTICAL,
                        CopyAction.WOULD_COPY,
                        CopyAction.WOULD_COPY,
                        CopyAction.WOULD_COPY,
                        CopyAction.WOULD_COPY,
                        CopyAction.WOULD_COPY);
        assertThat(r.manifest()).isEqualTo(ManifestAction.WOULD_WRITE);
        assertThat(r.destinationReport()).isEmpty();
        assertThat(dest.putOrder()).isEmpty();
        assertThat(filesUnder(dst)).containsExactly("dist/1.0/artifact-0.bin");
    }

    @Test
    void copiesServerSideWhenTheDestinationCan() {
        List<String> serverSide = java.util.Collections.synchronizedList(new ArrayList<>()); // copies run in parallel
        ArtifactStore copying = new DelegatingStore(dest) {
            @Override
            public Optional<ObjectInfo> serverSideCopy(
                    ArtifactStore from, ArtifactKey key, ArtifactKey to, String sha) {
                serverSide.add(to.value());
                return Optional.of(dest.put(
                        to, from.open(key), from.stat(key).orElseThrow().size(), sha));
            }
        };

        PublishResult r = publisher
                .publish(new FileSystemArtifactStore(tmp.resolve("artifacts")), "1a2b3c4", copying, "dist/1.0")
                .call();

        assertThat(r.copies().outcomes()).extracting(CopyOutcome::action).containsOnly(CopyAction.COPIED_SERVER_SIDE);
        assertThat(serverSide).hasSize(6);
    }

    @Test
    void goesThroughTheStoresServiceGuard() {
        RecordingArtifactStore source = new RecordingArtifactStore(
                        new FileSystemArtifactStore(tmp.resolve("artifacts")))
                .asService("s3:us-east-1");
        guards.forceOpen("s3:us-east-1");

        assertThatThrownBy(() ->
                        publisher.publish(source, "1a2b3c4", dest, "dist/1.0").call())
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("s3:us-east-1");
        assertThat(source.opens()).isZero();
        assertThat(dest.putOrder()).isEmpty();
    }

    @Test
    void refusesAManifestChangedAfterItWasVerified() throws IOException {
        PublishCommand first = publish();
        VerificationReport verified = first.verifySource();
        Files.writeString(
                src.resolve("SHA256SUMS"), "0".repeat(64) + "  extra\n", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> publish()
                        .expectManifestSha256(verified.manifestSha256())
                        .copy())
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("changed since it was verified");
        assertThat(dest.putOrder()).isEmpty();
    }

    @Test
    void publishesASha512Release() {
        Path src512 = release.writeTo(
                tmp.resolve("a512/r"),
                "SHA512SUMS",
                release.manifest(DigestAlgorithm.SHA512).toSums());

        PublishResult r = publisher
                .publish(new FileSystemArtifactStore(src512.getParent()), "r", dest, "dist/512")
                .manifest("SHA512SUMS")
                .call();

        assertThat(r.copies().written()).isEqualTo(6);
        assertThat(dest.putOrder()).last().isEqualTo("dist/512/SHA512SUMS");
    }

    @Test
    void refusesPublishingALocationOntoItself() {
        FileSystemArtifactStore same = new FileSystemArtifactStore(tmp.resolve("artifacts"));

        assertThatThrownBy(() -> publisher.publish(same, "1a2b3c4/", same, "1a2b3c4"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("same location");
    }

    private PublishCommand publish() {
        return publisher.publish(new FileSystemArtifactStore(tmp.resolve("artifacts")), "1a2b3c4", dest, "dist/1.0/");
    }

    private static List<String> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    /** Forwards every call, for overriding one. */
    static class DelegatingStore implements ArtifactStore {
        final ArtifactStore d;

        DelegatingStore(ArtifactStore d) {
            this.d = d;
        }

        @Override
        public String location() {
            return d.location();
        }

        @Override
        public Optional<String> service() {
            return d.service();
        }

        @Override
        public List<ObjectInfo> list(String prefix) {
            return d.list(prefix);
        }

        @Override
        public Optional<ObjectInfo> stat(ArtifactKey key) {
            return d.stat(key);
        }

        @Override
        public java.io.InputStream open(ArtifactKey key) {
            return d.open(key);
        }

        @Override
        public ObjectInfo put(ArtifactKey key, java.io.InputStream content, long size, String sha256) {
            return d.put(key, content, size, sha256);
        }
    }
}
