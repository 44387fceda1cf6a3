package io.releasekit.core.artifact.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactManifest;
import io.releasekit.core.artifact.DigestAlgorithm;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A manifest as read: its name, exact bytes (copied verbatim on publication so its signature still matches), parsed
 * form and SHA-256.
 *
 * @param name the manifest's name in its location, or {@code (uploaded)}
 * @param bytes the exact bytes
 * @param manifest the parsed manifest
 * @param sha256 SHA-256 of the bytes
 */
public record LoadedManifest(String name, byte[] bytes, ArtifactManifest manifest, String sha256) {

    /** A manifest given by the caller rather than read from a store. */
    public static LoadedManifest uploaded(byte[] bytes) {
        return new LoadedManifest("(uploaded)", bytes, ArtifactManifest.parse(bytes), sha256(bytes));
    }

    /**
     * Reads {@code name} below {@code prefix}.
     *
     * @param expectedSha256 when present, the manifest must still have this digest (it was verified earlier)
     * @throws NotFoundException when there is no such manifest
     * @throws ConflictException when it changed since it was verified
     */
    public static LoadedManifest read(GuardedStore store, String prefix, String name, Optional<String> expectedSha256) {
        ArtifactKey key = Prefixes.keyOf(prefix, name);
        if (store.stat(key).isEmpty()) {
            throw new NotFoundException(
                    "no manifest '" + name + "' in " + store.store().location() + prefix);
        }
        byte[] bytes = store.readSmall(key, ArtifactManifest.MAX_BYTES);
        String sha = sha256(bytes);
        if (expectedSha256.isPresent() && !expectedSha256.get().equals(sha)) {
            throw new ConflictException(
                    "manifest '" + key + "' in " + store.store().location() + " changed since it"
                            + " was verified (SHA-256 " + expectedSha256.get() + ", now " + sha + "); verify it again");
        }
        return new LoadedManifest(name, bytes, ArtifactManifest.parse(bytes), sha);
    }

    /** SHA-256 hex of bytes. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(DigestAlgorithm.SHA256.newDigest().digest(bytes));
    }
}
