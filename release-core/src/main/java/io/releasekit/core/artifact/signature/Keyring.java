package io.releasekit.core.artifact.signature;

import io.releasekit.core.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The OpenPGP public keys whose signatures releasekit trusts, read from ASCII-armored key blocks (what {@code gpg
 * --armor --export} prints). A block holding a secret key is refused, so a private key pasted into the configuration by
 * mistake is never used or kept.
 */
public final class Keyring {

    private final List<PGPPublicKeyRing> rings;

    private Keyring(List<PGPPublicKeyRing> rings) {
        this.rings = List.copyOf(rings);
    }

    /** A keyring that trusts no key. */
    public static Keyring empty() {
        return new Keyring(List.of());
    }

    /** A keyring of the keys in these armored (or binary) key blocks; each block may hold several keys. */
    public static Keyring fromArmored(String... blocks) {
        return fromArmored(List.of(blocks));
    }

    /**
     * A keyring of the keys in these armored key blocks.
     *
     * @throws InvalidInputException when a block is not an OpenPGP public key block, or holds a secret key
     */
    public static Keyring fromArmored(Collection<String> blocks) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        int i = 0;
        for (String block : blocks) {
            i++;
            rings.addAll(read(block.getBytes(StandardCharsets.UTF_8), i));
        }
        return new Keyring(rings);
    }

    /** Whether no key is trusted. */
    public boolean isEmpty() {
        return rings.isEmpty();
    }

    /** The fingerprints of the trusted primary keys, upper-case hex. */
    public List<String> fingerprints() {
        return rings.stream().map(r -> fingerprint(r.getPublicKey())).toList();
    }

    /** The key ring holding the (primary or sub-) key with this id. */
    Optional<PGPPublicKeyRing> ringOf(long keyId) {
        return rings.stream().filter(r -> r.getPublicKey(keyId) != null).findFirst();
    }

    /** A key's fingerprint as upper-case hex. */
    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    private static List<PGPPublicKeyRing> read(byte[] block, int index) {
        List<PGPPublicKeyRing> out = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
            BcPGPObjectFactory f = new BcPGPObjectFactory(in);
            Object o;
            while ((o = f.nextObject()) != null) {
                if (o instanceof PGPPublicKeyRing r) {
                    out.add(r);
                } else if (o instanceof PGPSecretKeyRing) {
                    throw new InvalidInputException("trusted key block #" + index
                            + " holds a SECRET key; configure the public key only (gpg --armor --export)");
                } else {
                    throw new InvalidInputException("trusted key block #" + index + " holds a "
                            + o.getClass().getSimpleName() + ", not a public key");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(
                    "trusted key block #" + index + " is not an OpenPGP public key block: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new InvalidInputException("trusted key block #" + index + " holds no key");
        }
        return out;
    }

    @Override
    public String toString() {
        return "Keyring" + fingerprints();
    }
}
