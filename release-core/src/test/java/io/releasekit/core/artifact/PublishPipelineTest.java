package io.releasekit.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.testkit.TestRelease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PublishCommand#call()} verifies the source in parts of the manifest and copies each part as soon as it
 * verified: on real directories, a release of 300 artifacts (three parts of 100) whose artifact 250 does not match its
 * digest has its first two parts copied and nothing of the third, the failure names the copied objects, no manifest is
 * written, and a rerun after the source is fixed copies only the rest.
 */
class PublishPipelineTest {

    static final int ARTIFACTS = 300;

    @TempDir
    Path tmp;

    final ServiceGuards guards = ServiceGuards.withDefaults();
    final TestRelease release = TestRelease.of(0);
    Path src;
    Path dst;

    @BeforeEach
    void stores() {
        IntStream.range(0, ARTIFACTS)
                .forEach(i -> release.file(String.format("dist/artifact-%03d.bin", i), "artifact " + i));
        src = release.writeTo(tmp.resolve("artifacts/1a2b3c4"));
        dst = tmp.resolve("releases");
    }

    @AfterEach
    void close() {
        guards.close();
    }

    @Test
    void copiesEachVerifiedPartAndNothingOfThePartThatFailedThenARerunCompletes() throws IOException {
        byte[] good = Files.readAllBytes(src.resolve("dist/artifact-250.bin"));
        Files.writeString(src.resolve("dist/artifact-250.bin"), "tampered");

        assertThatThrownBy(() -> publish().call()).isInstanceOfSatisfying(VerificationFailedException.class, e -> {
            assertThat(e.report().problems()).extracting(ArtifactCheck::name).containsExactly("dist/artifact-250.bin");
            assertThat(e.alreadyCopied()).hasSize(200).contains("dist/1.0/dist/artifact-199.bin");
            assertThat(e.getMessage()).contains("200 object(s) verified before it were already copied");
        });
        assertThat(dst.resolve("dist/1.0/dist/artifact-199.bin")).exists();
        assertThat(IntStream.range(200, ARTIFACTS)
                        .mapToObj(i -> dst.resolve(String.format("dist/1.0/dist/artifact-%03d.bin", i))))
                .as("no object of the part that failed is copied")
                .noneMatch(Files::exists);
        assertThat(dst.resolve("dist/1.0/SHA256SUMS")).doesNotExist();

        Files.write(src.resolve("dist/artifact-250.bin"), good);
        PublishResult r = publish().call();

        assertThat(r.copies().written()).isEqualTo(100);
        assertThat(r.copies().skipped()).isEqualTo(200);
        assertThat(r.sourceReport().artifacts()).hasSize(ARTIFACTS).allMatch(ArtifactCheck::ok);
        assertThat(r.copies().outcomes())
                .extracting(CopyOutcome::name)
                .as("outcomes in manifest order")
                .startsWith("dist/artifact-000.bin", "dist/artifact-001.bin")
                .endsWith("dist/artifact-299.bin");
        assertThat(r.manifest()).isEqualTo(ManifestAction.WRITTEN);
        assertThat(dst.resolve("dist/1.0/SHA256SUMS")).hasSameBinaryContentAs(src.resolve("SHA256SUMS"));
    }

    @Test
    void aDryRunPlansWhatTheRealRunCopiesAndReportsObjectsNoManifestNamesOnce() throws IOException {
        Files.writeString(src.resolve("stray.txt"), "not in the manifest");

        PublishResult dry = publish().dryRun(true).call();
        PublishResult real = publish().call();

        assertThat(dry.copies().outcomes())
                .extracting(CopyOutcome::name)
                .containsExactlyElementsOf(
                        real.copies().outcomes().stream().map(CopyOutcome::name).toList());
        assertThat(dry.copies().outcomes()).allMatch(o -> o.action() == CopyAction.WOULD_COPY);
        assertThat(real.sourceReport().unexpected())
                .extracting(ArtifactCheck::name)
                .containsExactly("stray.txt");
        assertThat(real.sourceReport().artifacts()).hasSize(ARTIFACTS + 1);
    }

    private PublishCommand publish() {
        return new Publisher(guards)
                .publish(
                        new FileSystemArtifactStore(tmp.resolve("artifacts")),
                        "1a2b3c4/",
                        new FileSystemArtifactStore(dst),
                        "dist/1.0/")
                .concurrency(4);
    }
}
