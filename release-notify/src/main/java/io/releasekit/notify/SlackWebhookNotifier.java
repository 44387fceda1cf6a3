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
import io.releasekit.notify.internal.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Slack incoming webhook ({@code https://hooks.slack.com/services/T…/B…/…}): posts only, no topic, no read access.
 * The webhook URL is the credential: it is never shown, in messages only as {@code https://hooks.slack.com/****}.
 *
 * <p><b>At least once, not exactly once.</b> An incoming webhook returns no message id and cannot be read, so a post
 * whose answer was lost (a time-out after Slack accepted it) may be posted again by a retry. Use type {@code slack}
 * (Web API) where a duplicate matters.
 *
 * <p>Errors: 400 {@code invalid_payload}/{@code no_text} → {@link InvalidInputException}, 403 {@code
 * invalid_token}/{@code action_prohibited} and 410 {@code channel_is_archived} → {@link ChannelRejectedException}, 404
 * {@code no_service}/{@code channel_not_found} → {@link NotFoundException}, 429 → rate limited, 5xx/reset/time-out →
 * service unavailable.
 */
public final class SlackWebhookNotifier implements Notifier {

    /** The channel type. */
    public static final String TYPE = "slack-webhook";

    /** The guard service name. */
    public static final String SERVICE = "slack";

    private final String name;
    private final Secret url;
    private final String path;
    private final Redactor redactor;
    private final HttpChannel http;
    private final HttpErrors errors;

    private SlackWebhookNotifier(Builder b) {
        this.name = Notifiers.requireValidName(b.name);
        this.url = Secret.of(b.url, "url of channel '" + name + "'");
        URI uri = Urls.require(url.reveal(), "url of channel '" + name + "'", true, b.allowHttp);
        this.redactor = Redactor.ofUrl(uri).and(Redactor.of(url));
        this.path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.http = new HttpChannel(
                SERVICE, URI.create(uri.getScheme() + "://" + uri.getRawAuthority()), b.timeout, redactor);
        this.errors = HttpErrors.rejectingClientErrors(SERVICE, redactor)
                .with(HttpErrors.Kind.INVALID_INPUT, 400)
                .with(HttpErrors.Kind.NOT_FOUND, 404)
                .hint(HttpErrors.Kind.NOT_FOUND, "the webhook was removed or its channel deleted");
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

    @Override
    public String service() {
        return SERVICE;
    }

    /**
     * Posts the message. The key is not sent (incoming webhooks have nowhere to keep it); see the class comment.
     *
     * @return a delivery without ids (webhooks return none)
     */
    @Override
    public Delivery post(Message message, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", SlackNotifier.escape(message.text()));
        if (message.hasMarkdown()) {
            body.put("blocks", List.of(Map.of("type", "markdown", "text", message.markdown())));
        }
        HttpReply reply = http.send(HttpCall.post(path, Json.write(body)).contentType(HttpCall.JSON), where());
        translate(reply);
        return Delivery.posted(List.of());
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "SlackWebhookNotifier[" + name + "]";
    }

    /** The one translation of the webhook's answers (plain-text error codes) into exceptions. */
    private void translate(HttpReply reply) {
        if (!reply.ok()) {
            throw errors.translate(reply, where());
        }
    }

    private String where() {
        return "slack webhook of channel '" + name + "'";
    }

    /** Builds a {@link SlackWebhookNotifier}. */
    public static final class Builder {
        private final String name;
        private String url;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean allowHttp;

        private Builder(String name) {
            this.name = name;
        }

        /** The incoming-webhook URL; required, and a secret. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** The connect and read time limit of one request; default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
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
         * @throws InvalidInputException naming the missing or bad setting, never the URL's path
         */
        public SlackWebhookNotifier build() {
            return new SlackWebhookNotifier(this);
        }
    }
}
