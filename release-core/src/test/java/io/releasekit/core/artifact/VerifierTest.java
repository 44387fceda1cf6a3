package io.releasekit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.artifact.signature.Keyring;
import io.releasekit.core.artifact.signature.SignaturePolicy;
import io.releasekit.core.artifact.signature.SignatureRefusal;
import io.releasekit.core.artifact.signature.SignatureRefusedException;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.RecordingArtifactStore;
import io.releasekit.core.testkit.TestPgpKey;
import io.releasekit.core.testkit.TestRelease;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {

    static TestPgpKey key;
    static TestPgpKey stranger;

    @TempDir
    Path dir;

    final ServiceGuards guards = ServiceGuards.withDefaults();
    final Verifier verifier = new Verifier(guards);

    @BeforeAll
    static void keys() {
        key = TestPgpKey.generate("Release <release@example.org>");
        stranger = TestPgpKey.generate("Stranger <stranger@example.org>");
    }

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void anArtifactDeletedBetweenListingAndReadingIsMissingNotAnError() {
        TestRelease release = TestRelease.of(3);
        Path rel = release.writeTo(dir.resolve("r"));
        AtomicBoolean deleted = new AtomicBoolean();

        // another writer deletes artifact-2 once artifact-1 was hashed: after the listing, before artifact-2 is read
        VerificationReport r = verifier.verify(store(), "r")
                .concurrency(1)
                .onProgress((done, total, bytes) -> {
                    if (done >= 1 && deleted.compareAndSet(false, true)) {
                        try {
                            Files.delete(rel.resolve("artifact-2.bin"));
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                })
                .call();

        assertThat(deleted).isTrue();
        assertThat(r.artifacts())
                .filteredOn(a -> a.name().equals("artifact-2.bin"))
                .singleElement()
                .extracting(ArtifactCheck::status)
                .isEqualTo(ArtifactStatus.MISSING);
        assertThat(r.count(ArtifactStatus.OK)).isEqualTo(2);
    }

    @Test
    void passesAnIntactRelease() {
        TestRelease release = TestRelease.of(5);
        release.writeTo(dir.resolve("1a2b3c4"));
        List<long[]> progress = new ArrayList<>();

        VerificationReport r = verifier.verify(store(), "1a2b3c4")
                .onProgress((d, t, b) -> progress.add(new long[] {d, t, b}))
                .call();

        long total = release.files().values().stream().mapToLong(b -> b.length).sum();
        assertThat(r.passed()).isTrue();
        assertThat(r.count(ArtifactStatus.OK)).isEqualTo(5);
        assertThat(r.unexpected()).isEmpty();
        assertThat(r.bytesHashed()).isEqualTo(total);
        assertThat(r.location()).endsWith("/1a2b3c4/");
        assertThat(progress.get(progress.size() - 1)).containsExactly(5, 5, total);
        assertThat(r.requirePassed()).isSameAs(r);
    }

    @Test
    void reportsEachKindOfProblem() throws IOException {
        TestRelease release = TestRelease.of(4);
        Path rel = release.writeTo(
                dir.resolve("r"),
                "SHA256SUMS.json",
                release.manifest(DigestAlgorithm.SHA256).toJson());
        Files.writeString(
                rel.resolve("artifact-0.bin"),
                "X" + Files.readString(rel.resolve("artifact-0.bin")).substring(1));
        Files.writeString(rel.resolve("artifact-1.bin"), "longer", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(rel.resolve("artifact-2.bin"));
        Files.writeString(rel.resolve("stray.txt"), "not listed");
        Files.writeString(rel.resolve("SHA256SUMS.json.asc"), "a signature file is never unexpected");

        VerificationReport r =
                verifier.verify(store(), "r").manifest("SHA256SUMS.json").call();

        assertThat(r.passed()).isFalse();
        assertThat(r.artifacts())
                .extracting(ArtifactCheck::name, ArtifactCheck::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("artifact-0.bin", ArtifactStatus.DIGEST_MISMATCH),
                        org.assertj.core.groups.Tuple.tuple("artifact-1.bin", ArtifactStatus.SIZE_MISMATCH),
                        org.assertj.core.groups.Tuple.tuple("artifact-2.bin", ArtifactStatus.MISSING),
                        org.assertj.core.groups.Tuple.tuple("artifact-3.bin", ArtifactStatus.OK),
                        org.assertj.core.groups.Tuple.tuple("stray.txt", ArtifactStatus.UNEXPECTED));
        assertThatThrownBy(r::requirePassed)
                .isInstanceOf(VerificationFailedException.class)
                .hasMessageContaining("DIGEST_MISMATCH artifact-0.bin")
                .hasMessageContaining("MISSING artifact-2.bin");
    }

    @Test
    void verifiesSha512Manifests() {
        TestRelease release = TestRelease.of(3);
        release.writeTo(
                dir.resolve("r"),
                "SHA512SUMS",
                release.manifest(DigestAlgorithm.SHA512).toSums());

        VerificationReport r =
                verifier.verify(store(), "r/").manifest("SHA512SUMS").call();

        assertThat(r.algorithm()).isEqualTo(DigestAlgorithm.SHA512);
        assertThat(r.passed()).isTrue();
    }

    @Test
    void verifiesAgainstAnUploadedManifest() {
        TestRelease release = TestRelease.of(2);
        release.writeTo(dir.resolve("r"));
        byte[] uploaded = TestRelease.of(3).manifest(DigestAlgorithm.SHA256).toSums();

        VerificationReport r = verifier.verify(store(), "r").manifest(uploaded).call();

        assertThat(r.manifestName()).isEqualTo("(uploaded)");
        assertThat(r.count(ArtifactStatus.OK)).isEqualTo(2);
        assertThat(r.count(ArtifactStatus.MISSING)).isEqualTo(1);
    }

    @Test
    void usesRecordedChecksumsOnlyWhenTrusted() {
        TestRelease release = TestRelease.of(3);
        release.writeTo(dir.resolve("r"));
        RecordingArtifactStore s = new RecordingArtifactStore(store());
        release.manifest(DigestAlgorithm.SHA256)
                .entries()
                .forEach(e -> s.withRecordedChecksum("r/" + e.name(), e.digest()));
        s.withRecordedChecksum("r/artifact-2.bin", "f".repeat(64));

        VerificationReport trusted =
                verifier.verify(s, "r").trustStoreChecksums(true).call();
        int opensWhenTrusted = s.opens();
        VerificationReport read = verifier.verify(s, "r").call();

        assertThat(opensWhenTrusted).isEqualTo(1); // the manifest only
        assertThat(trusted.bytesHashed()).isZero();
        assertThat(trusted.artifacts().get(2).status()).isEqualTo(ArtifactStatus.DIGEST_MISMATCH);
        assertThat(trusted.artifacts().get(2).storeChecksum()).isTrue();
        assertThat(read.passed()).isTrue();
        assertThat(s.opens()).isEqualTo(1 + 1 + 3);
    }

    @Test
    void trustsChecksumsThatOnlyAStatAnswersWithoutReadingTheArtifacts() {
        TestRelease release = TestRelease.of(4);
        release.writeTo(dir.resolve("r"));
        RecordingArtifactStore s = new RecordingArtifactStore(store()).checksumsOnlyOnStat();
        List<ManifestEntry> entries = release.manifest(DigestAlgorithm.SHA256).entries();
        for (int i = 0; i < 3; i++) { // artifact-3 has no recorded checksum
            s.withRecordedChecksum("r/" + entries.get(i).name(), entries.get(i).digest());
        }
        s.withRecordedChecksum("r/" + entries.get(1).name(), "f".repeat(64));

        VerificationReport trusted =
                verifier.verify(s, "r").trustStoreChecksums(true).call();

        assertThat(s.stats())
                .as("one stat per artifact, the manifest's own check included")
                .isEqualTo(4 + 1);
        assertThat(s.opens())
                .as("the manifest and the artifact without a recorded checksum")
                .isEqualTo(2);
        assertThat(trusted.artifacts())
                .extracting(ArtifactCheck::status)
                .containsExactly(
                        ArtifactStatus.OK, ArtifactStatus.DIGEST_MISMATCH, ArtifactStatus.OK, ArtifactStatus.OK);
        assertThat(trusted.artifacts())
                .extracting(ArtifactCheck::storeChecksum)
                .containsExactly(true, true, true, false);
        assertThat(trusted.bytesHashed()).isEqualTo(release.files().get("artifact-3.bin").length);
    }

    @Test
    void readsEveryArtifactWhenChecksumsAreNotTrustedEvenIfAStatWouldAnswer() {
        TestRelease release = TestRelease.of(2);
        release.writeTo(dir.resolve("r"));
        RecordingArtifactStore s = new RecordingArtifactStore(store()).checksumsOnlyOnStat();
        release.manifest(DigestAlgorithm.SHA256)
                .entries()
                .forEach(e -> s.withRecordedChecksum("r/" + e.name(), "f".repeat(64)));

        VerificationReport read = verifier.verify(s, "r").call();

        assertThat(read.passed()).isTrue();
        assertThat(s.opens()).isEqualTo(1 + 2);
        assertThat(s.stats()).as("the manifest's only").isEqualTo(1);
    }

    @Test
    void hashesArtifactsInParallel() {
        TestRelease.of(4).writeTo(dir.resolve("r"));
        CyclicBarrier together = new CyclicBarrier(2);
        RecordingArtifactStore s = new RecordingArtifactStore(store()).wrappingStreams(in -> new FilterInputStream(in) {
            boolean waited;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!waited && len >= 1 << 20) { // artifact reads only (the manifest is read in small chunks)
                    waited = true;
                    try {
                        together.await(10, TimeUnit.SECONDS); // two workers must be reading at the same time
                    } catch (Exception e) {
                        throw new IOException("artifacts were not hashed in parallel", e);
                    }
                }
                return super.read(b, off, len);
            }
        });

        VerificationReport r = verifier.verify(s, "r").concurrency(2).call();

        assertThat(r.passed()).isTrue();
    }

    @Test
    void reportsEntriesWithRefusedNamesAsFailedAndStillVerifiesEveryOtherEntry() throws IOException {
        TestRelease release = TestRelease.of(3);
        Path rel = release.writeTo(dir.resolve("r"));
        List<String> refused = List.of("../secret", "/etc/passwd", "a/../../b", "back\\slash");
        StringBuilder sums = new StringBuilder(Files.readString(rel.resolve("SHA256SUMS")));
        refused.forEach(
                bad -> sums.append("0".repeat(64)).append("  ").append(bad).append('\n'));
        Files.writeString(rel.resolve("SHA256SUMS"), sums);
        Files.writeString(rel.resolve("artifact-1.bin"), "tampered");

        VerificationReport r = verifier.verify(store(), "r").call();

        // like sha256sum -c: every line gets a verdict, the bad ones fail, and nothing outside the location is read
        assertThat(r.passed()).isFalse();
        assertThat(r.count(ArtifactStatus.OK)).isEqualTo(2);
        assertThat(r.count(ArtifactStatus.SIZE_MISMATCH) + r.count(ArtifactStatus.DIGEST_MISMATCH))
                .isEqualTo(1);
        assertThat(r.artifacts())
                .filteredOn(a -> a.status() == ArtifactStatus.REFUSED_NAME)
                .extracting(ArtifactCheck::name)
                .containsExactlyElementsOf(refused);
        assertThat(r.problems()).hasSize(5);
        assertThat(r.artifacts().stream().map(ArtifactCheck::describe))
                .contains("REFUSED_NAME ../secret (not read: an absolute name, a '..' segment, a backslash or a"
                        + " control character)");
        assertThatThrownBy(() -> verifier.verify(store(), "../r")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void answersNotFoundWithoutAManifest() {
        TestRelease.of(1).writeTo(dir.resolve("r"));

        assertThatThrownBy(() ->
                        verifier.verify(store(), "r").manifest("SHA512SUMS").call())
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no manifest 'SHA512SUMS'");
    }

    @Test
    void acceptsASignedManifestAndSignedArtifacts() throws IOException {
        Path rel = TestRelease.of(2).writeTo(dir.resolve("r"));
        sign(rel, "SHA256SUMS", key, true);
        sign(rel, "artifact-0.bin", key, false);
        sign(rel, "artifact-1.bin", key, true);

        VerificationReport r = verifier.verify(store(), "r")
                .signatures(SignaturePolicy.requireAll(Keyring.fromArmored(key.armoredPublicKey())))
                .call();

        assertThat(r.passed()).as(r.summary()).isTrue();
        assertThat(r.signatures()).hasSize(3).allMatch(s -> s.result().valid());
        assertThat(r.unexpected()).isEmpty();
    }

    @Test
    void refusesAMissingOrForeignSignature() throws IOException {
        Path rel = TestRelease.of(2).writeTo(dir.resolve("r"));
        Keyring trusted = Keyring.fromArmored(key.armoredPublicKey());

        VerificationReport unsigned = verifier.verify(store(), "r")
                .signatures(SignaturePolicy.requireManifest(trusted))
                .call();
        sign(rel, "SHA256SUMS", stranger, true);
        VerificationReport foreign = verifier.verify(store(), "r")
                .signatures(SignaturePolicy.requireManifest(trusted))
                .call();

        assertThat(unsigned.refusedSignatures()).singleElement().satisfies(s -> assertThat(
                        ((io.releasekit.core.artifact.signature.SignatureResult.Refused) s.result()).reason())
                .isEqualTo(SignatureRefusal.MISSING));
        assertThatThrownBy(foreign::requirePassed)
                .isInstanceOf(SignatureRefusedException.class)
                .hasMessageContaining("UNKNOWN_KEY")
                .hasMessageContaining(stranger.fingerprint());
    }

    @Test
    void refusesAnArtifactWithoutItsOwnSignatureWhenEachIsRequired() throws IOException {
        Path rel = TestRelease.of(2).writeTo(dir.resolve("r"));
        sign(rel, "artifact-0.bin", key, true);

        VerificationReport r = verifier.verify(store(), "r")
                .signatures(SignaturePolicy.requireArtifacts(Keyring.fromArmored(key.armoredPublicKey())))
                .call();

        assertThat(r.signatures()).hasSize(2);
        assertThat(r.refusedSignatures()).singleElement().satisfies(s -> {
            assertThat(s.signedName()).isEqualTo("artifact-1.bin");
            assertThat(s.describe()).contains("MISSING");
        });
    }

    @Test
    void refusesABadArtifactSignatureEvenWhenNotRequired() throws IOException {
        Path rel = TestRelease.of(2).writeTo(dir.resolve("r"));
        Files.write(
                rel.resolve("artifact-1.bin.sig"), key.signBinary("something else".getBytes(StandardCharsets.UTF_8)));

        VerificationReport r = verifier.verify(store(), "r")
                .signatures(SignaturePolicy.checkPresent(Keyring.fromArmored(key.armoredPublicKey())))
                .call();

        assertThat(r.count(ArtifactStatus.OK)).isEqualTo(2);
        assertThat(r.passed()).isFalse();
        assertThat(r.refusedSignatures()).singleElement().satisfies(s -> assertThat(s.describe())
                .startsWith("artifact-1.bin.sig: BAD_SIGNATURE"));
    }

    private void sign(Path rel, String name, TestPgpKey by, boolean armored) throws IOException {
        byte[] sig = by.sign(Files.readAllBytes(rel.resolve(name)), armored, java.time.Instant.now());
        Files.write(rel.resolve(name + (armored ? ".asc" : ".sig")), sig);
    }

    private FileSystemArtifactStore store() {
        return new FileSystemArtifactStore(dir);
    }
}
