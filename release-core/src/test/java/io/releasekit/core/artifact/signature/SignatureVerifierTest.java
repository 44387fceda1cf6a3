package io.releasekit.core.artifact.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.testkit.TestPgpKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final byte[] DATA = "0123abcd  ferrocene-1.0.tar.xz\n".getBytes(StandardCharsets.UTF_8);

    static TestPgpKey trusted;
    static TestPgpKey stranger;

    @BeforeAll
    static void keys() {
        trusted = TestPgpKey.generate("Release Bot <release@example.org>");
        stranger = TestPgpKey.generate("Mallory <mallory@example.org>");
    }

    @Test
    void acceptsArmoredAndBinarySignaturesOfATrustedKey() {
        SignatureVerifier v = new SignatureVerifier(Keyring.fromArmored(trusted.armoredPublicKey()));

        SignatureResult armored = v.verify(trusted.signArmored(DATA), DATA);
        SignatureResult binary = v.verify(trusted.signBinary(DATA), DATA);

        assertThat(armored).isInstanceOfSatisfying(SignatureResult.Valid.class, r -> {
            assertThat(r.fingerprint()).isEqualTo(trusted.fingerprint());
            assertThat(r.userId()).isEqualTo("Release Bot <release@example.org>");
        });
        assertThat(binary.valid()).isTrue();
    }

    @Test
    void refusesASignatureOverOtherData() {
        SignatureVerifier v = new SignatureVerifier(Keyring.fromArmored(trusted.armoredPublicKey()));

        SignatureResult r = v.verify(trusted.signArmored(DATA), "tampered".getBytes(StandardCharsets.UTF_8));

        assertRefused(r, SignatureRefusal.BAD_SIGNATURE);
    }

    @Test
    void refusesAnUnknownKeyNamingIt() {
        SignatureVerifier v = new SignatureVerifier(Keyring.fromArmored(trusted.armoredPublicKey()));

        SignatureResult r = v.verify(stranger.signArmored(DATA), DATA);

        assertRefused(r, SignatureRefusal.UNKNOWN_KEY);
        assertThat(((SignatureResult.Refused) r).message()).contains(stranger.fingerprint());
    }

    @Test
    void refusesAKeyThatHasExpiredEvenForASignatureMadeWhileValid() {
        Instant created = Instant.now().minus(2, ChronoUnit.DAYS);
        TestPgpKey expired = TestPgpKey.expired("Old <old@example.org>", created, Duration.ofDays(1));
        byte[] madeWhileValid = expired.sign(DATA, true, created.plus(1, ChronoUnit.HOURS));
        SignatureVerifier v = new SignatureVerifier(Keyring.fromArmored(expired.armoredPublicKey()));

        SignatureResult r = v.verify(madeWhileValid, DATA);

        assertRefused(r, SignatureRefusal.KEY_EXPIRED);
        assertThat(((SignatureResult.Refused) r).message()).contains("expired at");
    }

    @Test
    void refusesARevokedKey() {
        TestPgpKey revoked = TestPgpKey.revoked("Gone <gone@example.org>");
        SignatureVerifier v = new SignatureVerifier(Keyring.fromArmored(revoked.armoredPublicKey()));

        assertRefused(v.verify(revoked.signArmored(DATA), DATA), SignatureRefusal.KEY_REVOKED);
    }

    @Test
    void refusesASignatureDatedInTheFuture() {
        SignatureVerifier v = new SignatureVerifier(Keyring.fromArmored(trusted.armoredPublicKey()));

        SignatureResult r = v.verify(trusted.sign(DATA, false, Instant.now().plus(1, ChronoUnit.DAYS)), DATA);

        assertRefused(r, SignatureRefusal.NOT_YET_VALID);
    }

    @Test
    void refusesSomethingThatIsNoSignature() {
        SignatureVerifier v = new SignatureVerifier(Keyring.fromArmored(trusted.armoredPublicKey()));

        assertRefused(v.verify("hello".getBytes(StandardCharsets.UTF_8), DATA), SignatureRefusal.MALFORMED);
        assertRefused(
                v.verify(trusted.armoredPublicKey().getBytes(StandardCharsets.US_ASCII), DATA),
                SignatureRefusal.MALFORMED);
    }

    @Test
    void trustsKeysFromSeveralBlocks() {
        Keyring ring = Keyring.fromArmored(trusted.armoredPublicKey(), stranger.armoredPublicKey());

        assertThat(ring.fingerprints()).containsExactly(trusted.fingerprint(), stranger.fingerprint());
        assertThat(new SignatureVerifier(ring)
                        .verify(stranger.signBinary(DATA), DATA)
                        .valid())
                .isTrue();
    }

    @Test
    void refusesAKeyBlockThatIsNoKey() {
        assertThatThrownBy(() -> Keyring.fromArmored("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxyz\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("block #1");
    }

    @Test
    void refusesASecretKeyPastedAsATrustedKey() {
        assertThatThrownBy(() -> Keyring.fromArmored(trusted.armoredPublicKey(), trusted.armoredSecretKey()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("block #2 holds a SECRET key");
    }

    @Test
    void requiringSignaturesWithoutKeysIsRefused() {
        assertThatThrownBy(() -> SignaturePolicy.requireManifest(Keyring.empty()))
                .hasMessageContaining("no trusted key is configured");
        assertThatThrownBy(() -> SignaturePolicy.named("sometimes", Keyring.empty()))
                .hasMessageContaining("'sometimes'");
    }

    private static void assertRefused(SignatureResult r, SignatureRefusal reason) {
        assertThat(r).isInstanceOfSatisfying(SignatureResult.Refused.class, x -> assertThat(x.reason())
                .isEqualTo(reason));
    }
}
