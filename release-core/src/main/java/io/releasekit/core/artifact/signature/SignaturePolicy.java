package io.releasekit.core.artifact.signature;

import io.releasekit.core.InvalidInputException;
import java.util.Locale;
import java.util.Objects;

/**
 * Which detached signatures a verification checks and requires. With a non-empty keyring every signature file found
 * next to the manifest ({@code SHA256SUMS.asc}/{@code .sig}) or an artifact ({@code name.asc}/{@code name.sig}) is
 * checked, and a bad one refuses the release even when it is not required; the flags make a missing signature a
 * refusal too.
 *
 * @param keyring the trusted keys
 * @param manifestRequired whether the manifest must carry a good signature
 * @param artifactsRequired whether every artifact must carry a good signature
 */
public record SignaturePolicy(Keyring keyring, boolean manifestRequired, boolean artifactsRequired) {

    public SignaturePolicy {
        Objects.requireNonNull(keyring, "keyring");
        if ((manifestRequired || artifactsRequired) && keyring.isEmpty()) {
            throw new InvalidInputException("signatures are required but no trusted key is configured");
        }
    }

    /** No signature is checked. */
    public static SignaturePolicy none() {
        return new SignaturePolicy(Keyring.empty(), false, false);
    }

    /** Signatures that exist are checked; none is required. */
    public static SignaturePolicy checkPresent(Keyring keyring) {
        return new SignaturePolicy(keyring, false, false);
    }

    /** The manifest must be signed by a trusted key (the usual release setup: {@code SHA256SUMS.asc}). */
    public static SignaturePolicy requireManifest(Keyring keyring) {
        return new SignaturePolicy(keyring, true, false);
    }

    /** Every artifact must carry its own signature. */
    public static SignaturePolicy requireArtifacts(Keyring keyring) {
        return new SignaturePolicy(keyring, false, true);
    }

    /** The manifest and every artifact must be signed. */
    public static SignaturePolicy requireAll(Keyring keyring) {
        return new SignaturePolicy(keyring, true, true);
    }

    /**
     * A policy by name: {@code none}, {@code present}, {@code manifest}, {@code artifacts} or {@code all}.
     *
     * @throws InvalidInputException for another name
     */
    public static SignaturePolicy named(String requirement, Keyring keyring) {
        return switch (requirement == null ? "" : requirement.toLowerCase(Locale.ROOT)) {
            case "none" -> none();
            case "present" -> checkPresent(keyring);
            case "manifest" -> requireManifest(keyring);
            case "artifacts" -> requireArtifacts(keyring);
            case "all" -> requireAll(keyring);
            default ->
                throw new InvalidInputException("signature requirement '" + requirement
                        + "' is not one of none, present, manifest, artifacts, all");
        };
    }

    /** Whether any signature is checked at all. */
    public boolean checks() {
        return !keyring.isEmpty();
    }
}
