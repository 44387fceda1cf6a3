package io.releasekit.api.webhook;

/**
 * A webhook delivery refused before anything was started: a bad or missing signature (401), missing GitHub headers
 * (400), an oversized body (413). Mapped to a problem response by {@link WebhookRejectedHandler}.
 */
public final class WebhookRejectedException extends RuntimeException {

    private final int status;
    private final String type;

    WebhookRejectedException(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The problem type's last segment, e.g. {@code unauthorized}. */
    public String type() {
        return type;
    }

    static WebhookRejectedException unauthorized(String message) {
        return new WebhookRejectedException(401, "unauthorized", message);
    }

    static WebhookRejectedException badRequest(String message) {
        return new WebhookRejectedException(400, "invalid-input", message);
    }

    static WebhookRejectedException tooLarge(String message) {
        return new WebhookRejectedException(413, "payload-too-large", message);
    }
}
