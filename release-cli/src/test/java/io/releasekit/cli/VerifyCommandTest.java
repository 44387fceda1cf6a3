package io.releasekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.cli.CliService.Result;
import io.releasekit.core.testkit.TestPgpKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code releasekit verify}: local files, in this process, no service (no URL or token is even set). */
class VerifyCommandTest {

    private static final Map<String, String> NO_SERVICE = Map.of("HOME", "/nonexistent");

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @BeforeEach
    void release() throws Exception {
        StringBuilder sums = new StringBuilder();
        for (String name : new String[] {"a.tar.gz", "b.zip", "c.txt"}) {
            byte[] data = ("contents of " + name).getBytes(StandardCharsets.UTF_8);
            Files.write(dir.resolve(name), data);
            sums.append(sha256(data)).append(" *").append(name).append('\n');
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sums);
    }

    @Test
    void printsOneLinePerFileAndExits0WhenEverythingMatches() {
        Result r = Result.of(NO_SERVICE, "verify", dir.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).isEqualTo("a.tar.gz: OK\nb.zip: OK\nc.txt: OK\nSHA256SUMS: 3 OK; 0 signature(s) valid\n");
    }

    @Test
    void aChangedOrMissingFileFailsWithExit1LikeSha256sum() throws Exception {
        Files.writeString(dir.resolve("b.zip"), "tampered");
        Files.delete(dir.resolve("c.txt"));
        Files.writeString(dir.resolve("extra.bin"), "not listed");

        Result r = Result.of(NO_SERVICE, "verify", dir.toString());
        Result quiet = Result.of(NO_SERVICE, "verify", dir.toString(), "--quiet");

        assertThat(r.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(r.out())
                .contains("a.tar.gz: OK\n")
                .contains("b.zip: FAILED (DIGEST_MISMATCH b.zip: expected ")
                .contains("c.txt: FAILED (MISSING c.txt)\n")
                .contains("extra.bin: UNEXPECTED (not in the manifest)\n")
                .contains("-- FAILED\n");
        assertThat(quiet.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(quiet.out()).doesNotContain("a.tar.gz", "extra.bin").contains("b.zip: FAILED", "c.txt: FAILED");
    }

    @Test
    void readsAManifestFromElsewhereAndReportsJson() throws Exception {
        Path manifest = elsewhere.resolve("SUMS");
        Files.move(dir.resolve("SHA256SUMS"), manifest);

        Result r = Result.of(NO_SERVICE, "--json", "verify", dir.toString(), "--manifest", manifest.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("algorithm").asText()).isEqualTo("SHA256");
        assertThat(json.path("engine").asText()).isNotBlank();
        assertThat(json.path("artifacts"))
                .hasSize(3)
                .allMatch(a -> a.path("status").asText().equals("OK"));
    }

    @Test
    void checksTheManifestSignatureWithATrustedKey() throws Exception {
        TestPgpKey key = TestPgpKey.generate("Release Signing <release@example.org>");
        TestPgpKey stranger = TestPgpKey.generate("Mallory <mallory@example.org>");
        Files.write(dir.resolve("SHA256SUMS.asc"), key.signArmored(Files.readAllBytes(dir.resolve("SHA256SUMS"))));
        Path trusted = elsewhere.resolve("pub.asc");
        Path untrusted = elsewhere.resolve("other.asc");
        Files.writeString(trusted, key.armoredPublicKey());
        Files.writeString(untrusted, stranger.armoredPublicKey());

        Result good = Result.of(NO_SERVICE, "verify", dir.toString(), "--key", trusted.toString());
        Result bad = Result.of(NO_SERVICE, "verify", dir.toString(), "--key", untrusted.toString());

        assertThat(good.code()).as(good.toString()).isZero();
        assertThat(good.out()).contains("SHA256SUMS.asc: ").contains("1 signature(s) valid");
        assertThat(bad.code()).as(bad.toString()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(bad.out()).contains("SHA256SUMS.asc: ").contains("-- FAILED");
    }

    @Test
    void aMissingDirectoryIsAUsageErrorAndAMissingManifestFails() {
        Result noDir = Result.of(NO_SERVICE, "verify", dir.resolve("nope").toString());
        Result noManifest = Result.of(NO_SERVICE, "verify", dir.toString(), "--manifest", "SHA512SUMS");

        assertThat(noDir.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDir.err()).startsWith("DIR '" + dir.resolve("nope") + "' is not a directory\nUsage:");
        assertThat(noManifest.code()).isEqualTo(ExitCodes.VERIFY_FAILED);
        assertThat(noManifest.err())
                .startsWith("releasekit: verify " + dir + ": ")
                .contains("SHA512SUMS");
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
