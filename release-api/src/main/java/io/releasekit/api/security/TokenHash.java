package io.releasekit.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 of API tokens. Tokens are long random strings, not passwords a person chose, so a fast unsalted hash is
 * enough: nobody can guess a 256-bit random value from its hash, and a slow password hash would only slow down every
 * request. Configuration therefore holds {@code printf %s "$TOKEN" | sha256sum} and never the token itself.
 */
public final class TokenHash {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private TokenHash() {}

    /** The SHA-256 digest of a token's UTF-8 bytes. */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The SHA-256 digest of a token as 64 lower-case hex digits, as {@code sha256sum} prints it. */
    public static String sha256Hex(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    /**
     * Parses a configured digest.
     *
     * @param hex 64 hex digits (either case)
     * @param tokenName the configured token's name, for the error message
     * @throws IllegalArgumentException naming the token when the value is not a SHA-256 in hex
     */
    public static byte[] parseHex(String hex, String tokenName) {
        String value = hex == null ? "" : hex.strip().toLowerCase(java.util.Locale.ROOT);
        if (!HEX_SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException("releasekit.security.tokens: token '" + tokenName
                    + "' needs sha256 = 64 hex digits (printf %s \"$TOKEN\" | sha256sum), got "
                    + (hex == null ? "nothing" : value.length() + " characters"));
        }
        return HexFormat.of().parseHex(value);
    }
}
