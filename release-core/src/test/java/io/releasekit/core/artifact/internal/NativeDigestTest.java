package io.releasekit.core.artifact.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.artifact.DigestAlgorithm;
import io.releasekit.core.artifact.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The native SHA-2 shim against published test vectors, the JDK's digests and the {@code sha256sum} command. Where the
 * shim was not built (no gcc) these tests skip, unless {@code releasekit.requireNative=true} (CI), where they fail.
 */
class NativeDigestTest {

    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @BeforeEach
    void requireNative() {
        if (NativeDigest.available()) {
            return;
        }
        if (Boolean.getBoolean("releasekit.requireNative") || "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    "the native digest is required here (CI) but not available: " + NativeDigest.status());
        }
        Assumptions.abort("native digest not available, and not required: " + NativeDigest.status());
    }

    @Test
    void namesLibcryptoAndItsVersion() {
        assertThat(NativeDigest.status()).startsWith("libcrypto (OpenSSL ");
        assertThat(ParallelDigester.engine()).isEqualTo(NativeDigest.status());
        assertThat(io.releasekit.core.artifact.Verifier.hashingEngine()).isEqualTo(NativeDigest.status());
    }

    @Test
    void sha256MatchesTheFips180Vectors() {
        assertThat(hex(DigestAlgorithm.SHA256, ""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(hex(DigestAlgorithm.SHA256, "abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(DigestAlgorithm.SHA256, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }

    @Test
    void sha512MatchesTheFips180Vectors() {
        assertThat(hex(DigestAlgorithm.SHA512, ""))
                .isEqualTo("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                        + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
        assertThat(hex(DigestAlgorithm.SHA512, "abc"))
                .isEqualTo("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void agreesWithTheJdkWhateverTheSizesAndSplits(DigestAlgorithm algorithm) throws Exception {
        Random random = new Random(42);
        int[] sizes = {0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 4095, 4096, 4097, (1 << 20) + 7, 3 << 20};
        for (int size : sizes) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            ByteBuffer direct = ByteBuffer.allocateDirect(size + 16);
            try (NativeDigest md = NativeDigest.start(algorithm)) {
                int fed = 0;
                while (fed < size) {
                    int chunk = Math.min(size - fed, 1 + random.nextInt(70_000));
                    int at = random.nextInt(16); // not always from the buffer's start
                    direct.clear().position(at);
                    direct.put(data, fed, chunk).flip().position(at);
                    md.update(direct);
                    assertThat(direct.hasRemaining()).isFalse();
                    fed += chunk;
                }
                assertThat(HEX.formatHex(md.finish()))
                        .as("%s of %d bytes", algorithm, size)
                        .isEqualTo(HEX.formatHex(algorithm.newDigest().digest(data)));
            }
        }
    }

    @Test
    void readsDirectBuffersOnly() {
        try (NativeDigest md = NativeDigest.start(DigestAlgorithm.SHA256)) {
            assertThatThrownBy(() -> md.update(ByteBuffer.wrap(new byte[8])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("direct buffers only");
        }
    }

    @Test
    void aFinishedDigestRefusesMoreWorkAndClosesTwiceHarmlessly() {
        NativeDigest md = NativeDigest.start(DigestAlgorithm.SHA256);
        md.update(ByteBuffer.allocateDirect(3).put("abc".getBytes(US_ASCII)).flip());
        assertThat(HEX.formatHex(md.finish())).startsWith("ba7816bf");
        assertThatThrownBy(() -> md.update(ByteBuffer.allocateDirect(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(md::finish).isInstanceOf(IllegalStateException.class);
        md.close();
        md.close();

        NativeDigest abandoned = NativeDigest.start(DigestAlgorithm.SHA512);
        abandoned.close();
        abandoned.close();
        assertThatThrownBy(abandoned::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hashesFilesLikeSha256sumAndCountsEveryByte() throws Exception {
        Random random = new Random(7);
        List<Path> files = new ArrayList<>();
        for (int size : new int[] {0, 1, ParallelDigester.BUFFER_BYTES, ParallelDigester.BUFFER_BYTES + 1, 5_000_003}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            files.add(Files.write(dir.resolve("f-" + size + ".bin"), data));
        }
        List<long[]> reports = new ArrayList<>();
        Progress progress = new Progress((done, total, bytes) -> reports.add(new long[] {done, bytes}), files.size());
        ByteBuffer buffer = ByteBuffer.allocateDirect(ParallelDigester.BUFFER_BYTES);
        long expectedBytes = 0;
        for (Path f : files) {
            ParallelDigester.Digest d = ParallelDigester.hashNatively(f, DigestAlgorithm.SHA256, buffer, progress);
            assertThat(d.bytes()).isEqualTo(Files.size(f));
            assertThat(d.hex()).as(f.getFileName().toString()).isEqualTo(sha256sum(f));
            expectedBytes += d.bytes();
        }
        long allBytes = expectedBytes;
        assertThat(progress.bytes()).isEqualTo(allBytes);
        assertThat(reports).last().satisfies(r -> assertThat(r).containsExactly(files.size(), allBytes));
    }

    @Test
    void theDigesterGivesTheSameDigestsNativelyMappedAndStreamed() throws Exception {
        Random random = new Random(11);
        List<ParallelDigester.Job> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            byte[] data = new byte[random.nextInt(3 << 20)];
            random.nextBytes(data);
            Path f = Files.write(dir.resolve("a-" + i), data);
            DigestAlgorithm algorithm = i % 2 == 0 ? DigestAlgorithm.SHA256 : DigestAlgorithm.SHA512;
            jobs.add(new ParallelDigester.Job(() -> Files.newInputStream(f), f, algorithm, List.of()));
        }
        List<ParallelDigester.Digest> viaLibcrypto =
                ParallelDigester.digest(jobs, 2, new Progress(ProgressListener.NONE, jobs.size()), true);
        List<ParallelDigester.Digest> viaJdkMapped =
                ParallelDigester.digest(jobs, 2, new Progress(ProgressListener.NONE, jobs.size()), false);
        List<ParallelDigester.Digest> viaJdkStreams = new ArrayList<>();
        for (ParallelDigester.Job job : jobs) {
            try (var in = job.opener().open()) {
                viaJdkStreams.add(ParallelDigester.digest(in, job.algorithm(), new byte[8192]));
            }
        }
        assertThat(viaLibcrypto).isEqualTo(viaJdkStreams);
        assertThat(viaJdkMapped).isEqualTo(viaJdkStreams);
    }

    @Test
    void canBeTurnedOffAndTheCommandLineSaysWhichEngineHashed() throws Exception {
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        Path release = Files.createDirectories(dir.resolve("release"));
        Files.write(release.resolve("a.bin"), data);
        Files.writeString(release.resolve("SHA256SUMS"), sha256sum(release.resolve("a.bin")) + " *a.bin\n");

        assertThat(verifyInChildJvm(release, "-Dx=1")).contains("1 OK").contains("by libcrypto (OpenSSL ");
        assertThat(verifyInChildJvm(release, "-D" + NativeDigest.ENABLED_PROPERTY + "=false"))
                .contains("1 OK")
                .contains("by JDK (native digest: disabled by -Dreleasekit.digest.native=false)");
    }

    @Test
    void loadsTheShimFromInsideAJarAndLeavesNothingInTheTempDirectory() throws Exception {
        byte[] data = new byte[100_000];
        new Random(4).nextBytes(data);
        Path release = Files.createDirectories(dir.resolve("release"));
        Files.write(release.resolve("a.bin"), data);
        Files.writeString(release.resolve("SHA256SUMS"), sha256sum(release.resolve("a.bin")) + " *a.bin\n");

        // release-core's classes, the shim among them, as a jar: the way a library user's JVM finds them
        Path classes = Path.of(NativeDigest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(classes).isDirectory();
        Path jar = dir.resolve("release-core.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(
                        classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        String classpath = jar
                + java.io.File.pathSeparator
                + java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                        .filter(e -> !Path.of(e).toAbsolutePath().equals(classes.toAbsolutePath()))
                        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));

        String out = verifyInChildJvm(release, "-Djava.io.tmpdir=" + tmp, classpath);

        assertThat(out).contains("1 OK").contains("by libcrypto (OpenSSL ");
        try (var left = Files.list(tmp)) {
            assertThat(left).as("the extracted shim is deleted once loaded").isEmpty();
        }
    }

    private static String verifyInChildJvm(Path release, String option) throws Exception {
        return verifyInChildJvm(release, option, System.getProperty("java.class.path"));
    }

    private static String verifyInChildJvm(Path release, String option, String classpath) throws Exception {
        Process p = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        option,
                        "-cp",
                        classpath,
                        VerifyCommandLine.class.getName(),
                        release.toString(),
                        "SHA256SUMS")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), US_ASCII);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String hex(DigestAlgorithm algorithm, String text) {
        byte[] bytes = text.getBytes(US_ASCII);
        try (NativeDigest md = NativeDigest.start(algorithm)) {
            md.update(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
            return HEX.formatHex(md.finish());
        }
    }

    /** The digest GNU coreutils computes, as an independent baseline. */
    private static String sha256sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", "-b", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), US_ASCII);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return out.substring(0, 64);
    }
}
