package io.releasekit.api.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * {@code releasekit.github.webhook.*}: the secret GitHub signs deliveries with, and the receiver's limits. The secret
 * is never logged and not part of {@link #toString()}.
 */
@ConfigurationProperties("releasekit.github.webhook")
public class WebhookProperties {

    /** 1 MiB: GitHub caps payloads at 25 MB, but push and release payloads releasekit acts on are a few KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private String secret;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int rememberedDeliveries = 10_000;

    /** The webhook secret, as typed into GitHub's "Secret" field. Unset refuses every delivery. */
    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    /**
     * The largest body accepted; larger ones get 413. Cannot exceed {@code micronaut.server.max-request-size} (1 MB
     * by default), which the server enforces before the body reaches the receiver.
     */
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** How many delivery ids are remembered to recognise replays (in memory; lost on restart). */
    public int getRememberedDeliveries() {
        return rememberedDeliveries;
    }

    public void setRememberedDeliveries(int rememberedDeliveries) {
        this.rememberedDeliveries = rememberedDeliveries;
    }

    @Override
    public String toString() {
        return "WebhookProperties[secret=" + (secret == null ? "unset" : "***") + ", maxBodyBytes=" + maxBodyBytes
                + "]";
    }
}
