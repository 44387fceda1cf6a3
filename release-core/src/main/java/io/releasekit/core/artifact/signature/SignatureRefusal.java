package io.releasekit.core.artifact.signature;

/** Why a detached signature was not accepted. */
public enum SignatureRefusal {
    /** A signature is required but there is none ({@code .asc} or {@code .sig}). */
    MISSING,
    /** The signature file is not an OpenPGP signature over a document. */
    MALFORMED,
    /** The signing key is not in the trusted keyring. */
    UNKNOWN_KEY,
    /** The signature does not match the data, or was made with a key not allowed to sign. */
    BAD_SIGNATURE,
    /** The signing key (or its primary key) has expired: releasekit refuses it now, whenever the signature was made. */
    KEY_EXPIRED,
    /** The signing key (or its primary key) carries a revocation signature. */
    KEY_REVOKED,
    /** The signature is dated before its key was created or in the future. */
    NOT_YET_VALID
}
