package io.releasekit.core.artifact.signature;

import java.time.Instant;
import java.util.Objects;

/** The outcome of checking one detached signature: valid, or refused with a reason. */
public sealed interface SignatureResult permits SignatureResult.Valid, SignatureResult.Refused {

    /** Whether the signature was accepted. */
    boolean valid();

    /** A one-line description for reports. */
    String describe();

    /**
     * A good signature by a trusted key.
     *
     * @param fingerprint the fingerprint of the key that made it (upper-case hex; a subkey's own fingerprint)
     * @param primaryFingerprint the fingerprint of its primary key, as configured in the keyring
     * @param userId the primary key's first user id, or empty
     * @param signedAt the creation time the signature states
     */
    record Valid(String fingerprint, String primaryFingerprint, String userId, Instant signedAt)
            implements SignatureResult {
        public Valid {
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(primaryFingerprint, "primaryFingerprint");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(signedAt, "signedAt");
        }

        @Override
        public boolean valid() {
            return true;
        }

        @Override
        public String describe() {
            return "good signature by " + fingerprint + (userId.isEmpty() ? "" : " (" + userId + ")") + " made "
                    + signedAt;
        }
    }

    /**
     * A refused signature.
     *
     * @param reason why
     * @param message a sentence naming the key or problem
     */
    record Refused(SignatureRefusal reason, String message) implements SignatureResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public boolean valid() {
            return false;
        }

        @Override
        public String describe() {
            return reason + ": " + message;
        }
    }
}
