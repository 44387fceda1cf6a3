package io.releasekit.core.artifact.signature;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.testkit.Cli;
import io.releasekit.core.testkit.TestPgpKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures made by the gpg CLI verify here, and ours verify with gpg (gpg is installed on every build machine). */
class GpgCrossCheckTest {

    @TempDir
    Path dir;

    Path home;
    Map<String, String> env;

    @BeforeEach
    void gnupgHome() throws Exception {
        home = Files.createDirectory(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        env = Map.of("GNUPGHOME", home.toString());
        Files.writeString(dir.resolve("SHA256SUMS"), "0".repeat(64) + "  ferrocene.tar.xz\n");
    }

    @AfterEach
    void stopAgent() {
        Cli.run(dir, env, List.of("gpgconf", "--kill", "all"));
    }

    @Test
    void verifiesArmoredAndBinarySignaturesMadeByGpg() {
        gpg("--quick-gen-key", "Gpg Release <gpg@example.org>", "ed25519", "sign", "never");
        String publicKey = gpg("--armor", "--export", "gpg@example.org").out();
        gpg("--armor", "--detach-sign", "--output", "SHA256SUMS.asc", "SHA256SUMS");
        gpg("--detach-sign", "--output", "SHA256SUMS.sig", "SHA256SUMS");
        SignatureVerifier v = new SignatureVerifier(Keyring.fromArmored(publicKey));

        SignatureResult armored = v.verify(read("SHA256SUMS.asc"), read("SHA256SUMS"));
        SignatureResult binary = v.verify(read("SHA256SUMS.sig"), read("SHA256SUMS"));
        SignatureResult tampered = v.verify(read("SHA256SUMS.asc"), "other".getBytes(StandardCharsets.UTF_8));

        assertThat(armored).isInstanceOfSatisfying(SignatureResult.Valid.class, r -> assertThat(r.userId())
                .isEqualTo("Gpg Release <gpg@example.org>"));
        assertThat(binary.valid()).isTrue();
        assertThat(tampered).isInstanceOfSatisfying(SignatureResult.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(SignatureRefusal.BAD_SIGNATURE));
    }

    @Test
    void gpgVerifiesSignaturesOfOurTestKeys() throws Exception {
        TestPgpKey key = TestPgpKey.generate("Test Key <test@example.org>");
        Files.writeString(dir.resolve("key.asc"), key.armoredPublicKey());
        Files.write(dir.resolve("SHA256SUMS.asc"), key.signArmored(read("SHA256SUMS")));
        gpg("--import", "key.asc");

        Cli.Result r = Cli.run(dir, env, List.of("gpg", "--batch", "--verify", "SHA256SUMS.asc", "SHA256SUMS"));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("Good signature from \"Test Key <test@example.org>\"");
    }

    private Cli.Result gpg(String... args) {
        List<String> cmd =
                new ArrayList<>(List.of("gpg", "--batch", "--pinentry-mode", "loopback", "--passphrase", ""));
        cmd.addAll(List.of(args));
        Cli.Result r = Cli.run(dir, env, cmd);
        assertThat(r.exitCode()).as(String.join(" ", cmd) + ": " + r.stderr()).isZero();
        return r;
    }

    private byte[] read(String name) {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
