package io.releasekit.core.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/**
 * An OpenPGP key made at test time with Bouncy Castle (Ed25519, v4, as gpg makes them), to sign release files: good,
 * expired, revoked, or simply not trusted.
 */
public final class TestPgpKey {

    private final PGPKeyPair pair;
    private final PGPPublicKeyRing publicRing;
    private final org.bouncycastle.openpgp.PGPSecretKeyRing secretRing;

    private TestPgpKey(PGPKeyPair pair, PGPPublicKeyRing publicRing, org.bouncycastle.openpgp.PGPSecretKeyRing secret) {
        this.pair = pair;
        this.publicRing = publicRing;
        this.secretRing = secret;
    }

    /** The secret key block, as {@code gpg --armor --export-secret-keys} prints it (unprotected test key). */
    public String armoredSecretKey() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = new ArmoredOutputStream(b)) {
            secretRing.encode(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** A key created a minute ago that never expires. */
    public static TestPgpKey generate(String userId) {
        return generate(userId, Instant.now().minusSeconds(60), null, false);
    }

    /** A key created at {@code created} that expired after {@code validFor} (so: already expired if short). */
    public static TestPgpKey expired(String userId, Instant created, Duration validFor) {
        return generate(userId, created, validFor, false);
    }

    /** A key that carries a revocation signature. */
    public static TestPgpKey revoked(String userId) {
        return generate(userId, Instant.now().minusSeconds(60), null, true);
    }

    private static TestPgpKey generate(String userId, Instant created, Duration validFor, boolean revoke) {
        try {
            PGPKeyPair pair = new BcPGPKeyPairGeneratorProvider()
                    .get(PublicKeyPacket.VERSION_4, Date.from(created))
                    .generateLegacyEd25519KeyPair();
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
            hashed.setSignatureCreationTime(false, Date.from(created));
            if (validFor != null) {
                hashed.setKeyExpirationTime(false, validFor.toSeconds());
            }
            PGPKeyRingGenerator gen = new PGPKeyRingGenerator(
                    PGPSignature.POSITIVE_CERTIFICATION,
                    pair,
                    userId,
                    new BcPGPDigestCalculatorProvider().get(HashAlgorithmTags.SHA1),
                    hashed.generate(),
                    null,
                    new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    null);
            PGPPublicKeyRing ring = gen.generatePublicKeyRing();
            if (revoke) {
                PGPSignatureGenerator rev = new PGPSignatureGenerator(
                        new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                        pair.getPublicKey());
                rev.init(PGPSignature.KEY_REVOCATION, pair.getPrivateKey());
                PGPPublicKey revokedKey = PGPPublicKey.addCertification(
                        ring.getPublicKey(), rev.generateCertification(ring.getPublicKey()));
                ring = PGPPublicKeyRing.insertPublicKey(ring, revokedKey);
            }
            return new TestPgpKey(pair, ring, gen.generateSecretKeyRing());
        } catch (PGPException e) {
            throw new IllegalStateException("cannot generate a test key", e);
        }
    }

    /** The public key block as {@code gpg --armor --export} prints it. */
    public String armoredPublicKey() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = new ArmoredOutputStream(b)) {
            publicRing.encode(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** The primary key's fingerprint, upper-case hex. */
    public String fingerprint() {
        return java.util.HexFormat.of()
                .formatHex(publicRing.getPublicKey().getFingerprint())
                .toUpperCase(java.util.Locale.ROOT);
    }

    /** An armored detached signature ({@code .asc}) over {@code data}, made now. */
    public byte[] signArmored(byte[] data) {
        return sign(data, true, Instant.now());
    }

    /** A binary detached signature ({@code .sig}) over {@code data}, made now. */
    public byte[] signBinary(byte[] data) {
        return sign(data, false, Instant.now());
    }

    /** A detached signature over {@code data} stating creation time {@code at}. */
    public byte[] sign(byte[] data, boolean armored, Instant at) {
        try {
            PGPSignatureGenerator gen = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(pair.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    pair.getPublicKey());
            gen.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
            PGPSignatureSubpacketGenerator sub = new PGPSignatureSubpacketGenerator();
            sub.setSignatureCreationTime(false, Date.from(at));
            sub.setIssuerFingerprint(false, pair.getPublicKey());
            gen.setHashedSubpackets(sub.generate());
            gen.update(data);
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (OutputStream out = armored ? new ArmoredOutputStream(b) : b) {
                gen.generate().encode(out);
            }
            return b.toByteArray();
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }
}
