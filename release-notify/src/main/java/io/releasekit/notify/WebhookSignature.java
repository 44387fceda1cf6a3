package io.releasekit.notify;

import io.releasekit.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of generic webhook deliveries, and its verification for receivers written in Java.
 *
 * <p>A delivery carries {@value #SIGNATURE_HEADER}{@code : sha256=<hex>}, the HMAC-SHA256 of the raw request body
 * with the shared secret, and {@value #TIMESTAMP_HEADER}{@code : <unix seconds>}. The body's {@code timestamp} field
 * holds the same value, so the timestamp is covered by the signature: a receiver checks the signature (constant time),
 * that the header equals the body's field and that it is recent (5 minutes), and remembers {@value #DELIVERY_HEADER}
 * ids to drop repeats.
 */
public final class WebhookSignature {

    /** The signature header. */
    public static final String SIGNATURE_HEADER = "X-Releasekit-Signature-256";

    /** The signing-time header (unix seconds; equal to the body's {@code timestamp}). */
    public static final String TIMESTAMP_HEADER = "X-Releasekit-Timestamp";

    /** The delivery id header (equal to the body's {@code id}; the same on every retry and replay). */
    public static final String DELIVERY_HEADER = "X-Releasekit-Delivery";

    /** How old a delivery may be by default before a receiver refuses it. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {}

    /** The {@value #SIGNATURE_HEADER} value for a body: {@code sha256=} and the lower-case hex HMAC-SHA256. */
    public static String sign(byte[] secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    /**
     * Verifies a delivery as a receiver should.
     *
     * @param secret the shared secret
     * @param body the raw request body, exactly as received
     * @param signatureHeader the {@value #SIGNATURE_HEADER} value
     * @param timestampHeader the {@value #TIMESTAMP_HEADER} value
     * @param bodyTimestamp the body's {@code timestamp} field
     * @param now the receiver's clock
     * @param tolerance how old a delivery may be (and how far in the future)
     * @return whether the delivery is authentic and recent
     */
    public static boolean verify(
            byte[] secret,
            byte[] body,
            String signatureHeader,
            String timestampHeader,
            long bodyTimestamp,
            Instant now,
            Duration tolerance) {
        if (signatureHeader == null || timestampHeader == null) {
            return false;
        }
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signatureHeader.strip().getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        return ts == bodyTimestamp
                && Duration.between(Instant.ofEpochSecond(ts), now).abs().compareTo(tolerance) <= 0;
    }

    static byte[] hmac(byte[] secret, byte[] body) {
        if (secret == null || secret.length == 0) {
            throw new InvalidInputException("webhook secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
