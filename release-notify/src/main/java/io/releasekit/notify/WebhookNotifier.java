package io.releasekit.notify;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.redact.Redactor;
import io.releasekit.core.redact.Secret;
import io.releasekit.notify.internal.HttpCall;
import io.releasekit.notify.internal.HttpChannel;
import io.releasekit.notify.internal.HttpErrors;
import io.releasekit.notify.internal.HttpReply;
import io.releasekit.notify.internal.Json;
import io.releasekit.notify.internal.Keys;
import io.releasekit.notify.internal.Urls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A generic webhook: a JSON {@code POST} of each announcement to a configured URL, signed with HMAC-SHA256 when a
 * secret is configured (see {@link WebhookSignature} for the headers and how a receiver verifies them).
 *
 * <p>Body: {@code {"id": "<delivery id>", "event": "announcement", "timestamp": <unix seconds>, "channel": "<name>",
 * "text": "...", "markdown": "..."}}. The delivery id is the idempotency key, the same on every retry and replay, so
 * a receiver that remembers ids processes each announcement once. The URL and the secret are credentials: neither
 * appears in any message.
 *
 * <p>Errors: 2xx delivered; 429 → rate limited; 5xx/reset/time-out → service unavailable (service {@code
 * webhook:<name>}); 3xx → {@link ChannelRejectedException} (never followed); 404/410 → {@link NotFoundException};
 * 400/422 → {@link InvalidInputException}; other 4xx → {@link ChannelRejectedException}.
 */
public final class WebhookNotifier implements Notifier {

    /** The channel type. */
    public static final String TYPE = "webhook";

    private final String name;
    private final Secret url;
    private final Secret secret;
    private final String path;
    private final Clock clock;
    private final Redactor redactor;
    private final HttpChannel http;
    private final HttpErrors errors;

    private WebhookNotifier(Builder b) {
        this.name = Notifiers.requireValidName(b.name);
        this.url = Secret.of(b.url, "url of channel '" + name + "'");
        this.secret = b.secret == null ? null : Secret.of(b.secret, "secret of channel '" + name + "'");
        URI uri = Urls.require(url.reveal(), "url of channel '" + name + "'", true, b.allowHttp);
        this.path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.clock = b.clock;
        this.redactor = Redactor.ofUrl(uri).and(Redactor.of(url, secret));
        this.http = new HttpChannel(
                service(), URI.create(uri.getScheme() + "://" + uri.getRawAuthority()), b.timeout, redactor);
        this.errors = HttpErrors.standard(service(), redactor);
    }

    /** Starts a builder for the channel with this configured name. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** {@code webhook:<name>}: each webhook has its own breaker. */
    @Override
    public String service() {
        return "webhook:" + name;
    }

    /**
     * Delivers the message, signed.
     *
     * @return the delivery id (the idempotency key)
     */
    @Override
    public Delivery post(Message message, String idempotencyKey) {
        String id = Keys.require(idempotencyKey);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("event", "announcement");
        body.put("timestamp", timestamp);
        body.put("channel", name);
        body.put("text", message.text());
        if (message.hasMarkdown()) {
            body.put("markdown", message.markdown());
        }
        byte[] bytes = Json.write(body);
        HttpCall request = HttpCall.post(path, bytes)
                .contentType(HttpCall.JSON)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.DELIVERY_HEADER, id);
        if (secret != null) {
            request.header(
                    WebhookSignature.SIGNATURE_HEADER,
                    WebhookSignature.sign(secret.reveal().getBytes(StandardCharsets.UTF_8), bytes));
        }
        translate(http.send(request, where()));
        return Delivery.posted(List.of(id));
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "WebhookNotifier[" + name + "]";
    }

    /** The one translation of the receiver's answers into exceptions. */
    private void translate(HttpReply reply) {
        if (!reply.ok()) {
            throw errors.translate(reply, where());
        }
    }

    private String where() {
        return "webhook of channel '" + name + "'";
    }

    /** Builds a {@link WebhookNotifier}. */
    public static final class Builder {
        private final String name;
        private String url;
        private String secret;
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private boolean allowHttp;

        private Builder(String name) {
            this.name = name;
        }

        /** The receiver's URL; required, and treated as a secret (it may carry a token). */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** The HMAC secret shared with the receiver; without one, deliveries are not signed. */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** The connect and read time limit of one request; default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** The clock of the signing timestamps (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Allows a plain {@code http} URL to a non-loopback host (never in production). */
        public Builder allowHttp(boolean allowHttp) {
            this.allowHttp = allowHttp;
            return this;
        }

        /**
         * Builds the notifier and its HTTP client.
         *
         * @throws InvalidInputException naming the missing or bad setting, never the URL's path or the secret
         */
        public WebhookNotifier build() {
            return new WebhookNotifier(this);
        }
    }
}
