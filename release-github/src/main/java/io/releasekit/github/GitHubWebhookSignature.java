package io.releasekit.github;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the signature GitHub puts on every webhook delivery: an HMAC of the raw body bytes with the webhook's
 * secret, in {@code X-Hub-Signature-256: sha256=<hex>} and, for older senders, {@code X-Hub-Signature: sha1=<hex>}.
 * When both are present both must verify. Digests are compared in constant time.
 *
 * <pre>{@code
 * Verification v = GitHubWebhookSignature.verify(rawBody, request.header("X-Hub-Signature-256"),
 *         request.header("X-Hub-Signature"), secret);
 * if (!v.valid()) reject(401, v.reason());
 * }</pre>
 */
public final class GitHubWebhookSignature {

    /** The header with the HMAC-SHA256 signature. */
    public static final String SHA256_HEADER = "X-Hub-Signature-256";

    /** The legacy header with the HMAC-SHA1 signature. */
    public static final String SHA1_HEADER = "X-Hub-Signature";

    private GitHubWebhookSignature() {}

    /**
     * The result of a verification.
     *
     * @param valid whether every signature present verified and at least one was present
     * @param reason why it did not verify; empty when valid. Never contains the secret or the expected digest.
     */
    public record Verification(boolean valid, String reason) {
        static Verification ok() {
            return new Verification(true, "");
        }

        static Verification refused(String reason) {
            return new Verification(false, reason);
        }
    }

    /**
     * Verifies a delivery.
     *
     * @param body the raw body bytes exactly as received
     * @param sha256Header the value of {@code X-Hub-Signature-256}, or null
     * @param sha1Header the value of {@code X-Hub-Signature}, or null
     * @param secret the webhook secret
     */
    public static Verification verify(byte[] body, String sha256Header, String sha1Header, byte[] secret) {
        Objects.requireNonNull(body, "body");
        if (secret == null || secret.length == 0) {
            return Verification.refused("no webhook secret is configured; every delivery is refused");
        }
        boolean has256 = sha256Header != null && !sha256Header.isBlank();
        boolean has1 = sha1Header != null && !sha1Header.isBlank();
        if (!has256 && !has1) {
            return Verification.refused(
                    "the delivery carries no " + SHA256_HEADER + " (or " + SHA1_HEADER + ") header");
        }
        if (has256 && !matches(body, sha256Header, "sha256=", "HmacSHA256", secret)) {
            return Verification.refused(SHA256_HEADER + " does not match the body");
        }
        if (has1 && !matches(body, sha1Header, "sha1=", "HmacSHA1", secret)) {
            return Verification.refused(SHA1_HEADER + " does not match the body");
        }
        return Verification.ok();
    }

    /** The {@code X-Hub-Signature-256} value GitHub would send for a body ({@code sha256=<hex>}). */
    public static String sha256(byte[] body, byte[] secret) {
        return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
    }

    /** The legacy {@code X-Hub-Signature} value GitHub would send for a body ({@code sha1=<hex>}). */
    public static String sha1(byte[] body, byte[] secret) {
        return "sha1=" + HexFormat.of().formatHex(hmac("HmacSHA1", secret, body));
    }

    /** The secret as bytes (UTF-8), the way GitHub uses the text typed into its "Secret" field. */
    public static byte[] secret(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean matches(byte[] body, String header, String prefix, String algorithm, byte[] secret) {
        String value = header.strip();
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(value.substring(prefix.length()).toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(algorithm, secret, body), given);
    }

    private static byte[] hmac(String algorithm, byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JVM cannot compute " + algorithm, e);
        }
    }
}
