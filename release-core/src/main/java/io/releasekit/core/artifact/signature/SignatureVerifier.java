package io.releasekit.core.artifact.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.IssuerFingerprint;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks OpenPGP detached signatures (armored {@code .asc} or binary {@code .sig}, as {@code gpg --detach-sign} makes
 * them) against a {@link Keyring} of trusted keys.
 *
 * <p>Key validity is judged <b>now</b>, at verification time: a key that has expired or carries a revocation is
 * refused even for a signature it made while it was valid, because the creation time inside a signature is chosen by
 * whoever holds the key. A release signed by a key that has since expired must be re-signed, or the key's expiry
 * extended and the refreshed public key configured. A signature dated before its key's creation or more than five
 * minutes in the future is refused too.
 *
 * <pre>{@code
 * SignatureResult r = new SignatureVerifier(Keyring.fromArmored(key)).verify(ascBytes, Files.newInputStream(file));
 * }</pre>
 */
public final class SignatureVerifier {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final Keyring keyring;
    private final Clock clock;

    /** A verifier against these trusted keys, judging key validity by the system clock. */
    public SignatureVerifier(Keyring keyring) {
        this(keyring, Clock.systemUTC());
    }

    /** A verifier against these trusted keys, judging key validity by {@code clock}. */
    public SignatureVerifier(Keyring keyring, Clock clock) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks {@code signature} over the bytes of {@code data}, read to the end (not closed). */
    public SignatureResult verify(byte[] signature, InputStream data) {
        DetachedCheck check = begin(signature);
        byte[] buf = new byte[64 * 1024];
        try {
            int n;
            while ((n = data.read(buf)) > 0) {
                check.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signed data", e);
        }
        return check.finish();
    }

    /** Checks {@code signature} over {@code data}. */
    public SignatureResult verify(byte[] signature, byte[] data) {
        return verify(signature, new ByteArrayInputStream(data));
    }

    /**
     * Starts a streaming check, so the signed data can be fed while it is hashed for other purposes (one read of each
     * artifact). When the signature is refused before any data (malformed, unknown, expired or revoked key), {@link
     * DetachedCheck#update} does nothing and {@link DetachedCheck#finish} answers the refusal.
     */
    public DetachedCheck begin(byte[] signature) {
        PGPSignature sig;
        try {
            sig = readSignature(signature);
        } catch (IOException | PGPException | RuntimeException e) {
            return DetachedCheck.refused(SignatureRefusal.MALFORMED, "not an OpenPGP signature: " + e.getMessage());
        }
        if (sig == null) {
            return DetachedCheck.refused(SignatureRefusal.MALFORMED, "no OpenPGP signature packet found");
        }
        if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT
                && sig.getSignatureType() != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return DetachedCheck.refused(
                    SignatureRefusal.MALFORMED,
                    "signature type 0x" + Integer.toHexString(sig.getSignatureType()) + " is not a document signature");
        }
        long keyId = issuerKeyId(sig);
        Optional<PGPPublicKeyRing> ring = keyring.ringOf(keyId);
        if (ring.isEmpty()) {
            return DetachedCheck.refused(
                    SignatureRefusal.UNKNOWN_KEY,
                    "made by key " + issuerText(sig, keyId) + ", which is not among the trusted keys "
                            + keyring.fingerprints());
        }
        PGPPublicKey key = ring.get().getPublicKey(keyId);
        PGPPublicKey primary = ring.get().getPublicKey();
        Optional<SignatureResult.Refused> invalid = keyProblem(key, primary, sig);
        if (invalid.isPresent()) {
            return DetachedCheck.refused(invalid.get().reason(), invalid.get().message());
        }
        try {
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
        } catch (PGPException e) {
            return DetachedCheck.refused(SignatureRefusal.MALFORMED, "cannot use key for it: " + e.getMessage());
        }
        return new DetachedCheck(sig, valid(key, primary, sig), null);
    }

    private Optional<SignatureResult.Refused> keyProblem(PGPPublicKey key, PGPPublicKey primary, PGPSignature sig) {
        Instant now = clock.instant();
        for (PGPPublicKey k : primary == key ? new PGPPublicKey[] {key} : new PGPPublicKey[] {key, primary}) {
            String fp = Keyring.fingerprint(k);
            if (k.hasRevocation()) {
                return refusal(SignatureRefusal.KEY_REVOKED, "key " + fp + " has been revoked");
            }
            long valid = k.getValidSeconds();
            if (valid > 0) {
                Instant expiry = k.getCreationTime().toInstant().plusSeconds(valid);
                if (!now.isBefore(expiry)) {
                    return refusal(
                            SignatureRefusal.KEY_EXPIRED,
                            "key " + fp + " expired at " + expiry + " (checked at " + now + ", signature made "
                                    + sig.getCreationTime().toInstant() + ")");
                }
            }
        }
        Instant signedAt = sig.getCreationTime().toInstant();
        if (signedAt.isBefore(key.getCreationTime().toInstant())) {
            return refusal(
                    SignatureRefusal.NOT_YET_VALID,
                    "signature dated " + signedAt + " precedes its key's creation "
                            + key.getCreationTime().toInstant());
        }
        if (signedAt.isAfter(now.plus(CLOCK_SKEW))) {
            return refusal(SignatureRefusal.NOT_YET_VALID, "signature is dated in the future: " + signedAt);
        }
        return Optional.empty();
    }

    private static Optional<SignatureResult.Refused> refusal(SignatureRefusal reason, String message) {
        return Optional.of(new SignatureResult.Refused(reason, message));
    }

    private static SignatureResult.Valid valid(PGPPublicKey key, PGPPublicKey primary, PGPSignature sig) {
        Iterator<String> ids = primary.getUserIDs();
        return new SignatureResult.Valid(
                Keyring.fingerprint(key),
                Keyring.fingerprint(primary),
                ids.hasNext() ? ids.next() : "",
                sig.getCreationTime().toInstant());
    }

    private static PGPSignature readSignature(byte[] signature) throws IOException, PGPException {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signature))) {
            BcPGPObjectFactory f = new BcPGPObjectFactory(in);
            Object o = f.nextObject();
            if (o instanceof PGPCompressedData c) {
                o = new BcPGPObjectFactory(c.getDataStream()).nextObject();
            }
            if (o instanceof PGPSignatureList list && !list.isEmpty()) {
                return list.get(0);
            }
            return null;
        }
    }

    private static long issuerKeyId(PGPSignature sig) {
        if (sig.getKeyID() != 0) {
            return sig.getKeyID();
        }
        IssuerFingerprint fp = fingerprintSubpacket(sig);
        return fp == null ? 0 : fp.getKeyID();
    }

    private static String issuerText(PGPSignature sig, long keyId) {
        IssuerFingerprint fp = fingerprintSubpacket(sig);
        return fp != null
                ? java.util.HexFormat.of().formatHex(fp.getFingerprint()).toUpperCase(java.util.Locale.ROOT)
                : String.format("%016X", keyId);
    }

    private static IssuerFingerprint fingerprintSubpacket(PGPSignature sig) {
        if (sig.getHashedSubPackets() == null) {
            return null;
        }
        return (IssuerFingerprint) sig.getHashedSubPackets().getSubpacket(SignatureSubpacketTags.ISSUER_FINGERPRINT);
    }

    /** A signature check in progress: feed the signed bytes, then ask for the result. Not thread-safe. */
    public static final class DetachedCheck {
        private final PGPSignature sig;
        private final SignatureResult.Valid ifGood;
        private final SignatureResult.Refused refused;

        private DetachedCheck(PGPSignature sig, SignatureResult.Valid ifGood, SignatureResult.Refused refused) {
            this.sig = sig;
            this.ifGood = ifGood;
            this.refused = refused;
        }

        static DetachedCheck refused(SignatureRefusal reason, String message) {
            return new DetachedCheck(null, null, new SignatureResult.Refused(reason, message));
        }

        /** Whether the check is already refused, so the data need not be fed. */
        public boolean decided() {
            return refused != null;
        }

        /** Feeds the next bytes of the signed data. */
        public void update(byte[] b, int off, int len) {
            if (sig != null) {
                sig.update(b, off, len);
            }
        }

        /** The result once every byte was fed. */
        public SignatureResult finish() {
            if (refused != null) {
                return refused;
            }
            try {
                return sig.verify()
                        ? ifGood
                        : new SignatureResult.Refused(
                                SignatureRefusal.BAD_SIGNATURE,
                                "signature by " + ifGood.fingerprint() + " does not match the data");
            } catch (PGPException e) {
                return new SignatureResult.Refused(
                        SignatureRefusal.BAD_SIGNATURE, "signature cannot be verified: " + e.getMessage());
            }
        }
    }
}
