package io.releasekit.process.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.signature.Keyring;
import io.releasekit.core.artifact.signature.SignaturePolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment-wide settings of the publishing processes.
 *
 * @param keyring the trusted OpenPGP keys
 * @param signatures the default signature requirement ({@code none}, {@code present}, {@code manifest}, {@code
 *     artifacts}, {@code all}); empty: {@code manifest} when keys are configured, else {@code none}
 * @param trustStoreChecksums whether stores' recorded SHA-256 checksums replace reading objects
 * @param concurrency objects copied at once
 */
public record PublishSettings(
        Keyring keyring, Optional<String> signatures, boolean trustStoreChecksums, int concurrency) {

    public PublishSettings {
        Objects.requireNonNull(keyring, "keyring");
        Objects.requireNonNull(signatures, "signatures");
        if (concurrency < 1 || concurrency > 64) {
            throw new InvalidInputException("concurrency must be between 1 and 64, was " + concurrency);
        }
        signatures.ifPresent(s -> SignaturePolicy.named(s, keyring));
    }

    /** No keys, no signatures, every byte read, 4 copies at once. */
    public static PublishSettings defaults() {
        return new PublishSettings(Keyring.empty(), Optional.empty(), false, 4);
    }

    /** The policy for a read-only verification: the requested requirement if given, else the default. */
    public SignaturePolicy policy(Optional<String> requirement) {
        return SignaturePolicy.named(requirement.orElseGet(this::defaultRequirement), keyring);
    }

    /**
     * The policy for a publishing run: the run may ask for more signatures than configured, never fewer, so a caller
     * cannot switch off the deployment's signature requirement.
     *
     * @throws InvalidInputException when the requested requirement is weaker than the configured one
     */
    public SignaturePolicy publishingPolicy(Optional<String> requirement) {
        SignaturePolicy floor = policy(Optional.empty());
        SignaturePolicy asked = policy(requirement);
        boolean weaker = (floor.checks() && !asked.checks())
                || (floor.manifestRequired() && !asked.manifestRequired())
                || (floor.artifactsRequired() && !asked.artifactsRequired());
        if (weaker) {
            throw new InvalidInputException("signatures '" + requirement.orElse("")
                    + "' is weaker than the configured '" + defaultRequirement() + "'; a run may only ask for more");
        }
        return asked;
    }

    private String defaultRequirement() {
        return signatures.orElse(keyring.isEmpty() ? "none" : "manifest");
    }
}
