package io.releasekit.api.webhook;

/**
 * Remembers the webhook deliveries ({@code X-GitHub-Delivery}) already handled, so that a replayed delivery starts
 * nothing. A delivery is reserved while it is handled and released again if handling fails, so that GitHub's
 * redelivery (same id) is accepted. The in-memory implementation forgets on restart; a JDBC one would not (the run
 * launcher's idempotency key still catches those).
 */
public interface DeliveryLog {

    /** Reserves a delivery id; {@code false} when it was seen before. */
    boolean reserve(String deliveryId);

    /** Forgets a reserved id again (its handling failed). */
    void release(String deliveryId);
}
