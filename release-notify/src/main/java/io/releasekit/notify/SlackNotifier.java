package io.releasekit.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.Topic;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Slack channel through the Web API and a bot token ({@code xoxb-...}): {@code chat.postMessage}, the topic through
 * {@code conversations.info} and {@code conversations.setTopic}. Needs scopes {@code chat:write}, {@code
 * channels:read}/{@code groups:read}, {@code channels:history}/{@code groups:history} and {@code
 * channels:manage}/{@code groups:write} (topic).
 *
 * <p><b>Exactly once.</b> Slack has no idempotency key, so every post carries the key in Slack's message metadata
 * ({@code event_type} {@value #EVENT_TYPE}, {@code event_payload.idempotency_key}); before posting, the notifier looks
 * for a message with that key among the channel's latest {@code historyLimit} messages ({@code conversations.history}
 * with {@code include_all_metadata}) and, when it finds one, answers its {@code ts} instead of posting again.
 *
 * <p>Errors are translated in one place: HTTP 429 or {@code ratelimited} → {@link
 * io.releasekit.core.RateLimitedException}, 5xx, reset, time-out or {@code internal_error}/{@code fatal_error} → {@link
 * ServiceUnavailableException}, {@code channel_not_found} → {@link NotFoundException}, {@code not_authed}/{@code
 * invalid_auth} and other refusals → {@link ChannelRejectedException}, {@code too_long}/{@code msg_too_long} → {@link
 * InvalidInputException}. The token never appears in a message.
 *
 * <pre>{@code
 * try (SlackNotifier slack = SlackNotifier.builder("ops-slack")
 *         .token(System.getenv("SLACK_BOT_TOKEN")).channelId("C0123456789").build();
 *         Notifiers channels = new Notifiers(List.of(slack), guards)) {
 *     Topic before = channels.get("ops-slack").setTopic(Topic.of("Deploying")); // guarded as slack
 * }
 * }</pre>
 */
public final class SlackNotifier implements Notifier {

    /** The channel type. */
    public static final String TYPE = "slack";

    /** The guard service name. */
    public static final String SERVICE = "slack";

    /** Slack's Web API. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://slack.com/api");

    /** Slack refuses longer topics ({@code too_long}). */
    public static final int MAX_TOPIC_LENGTH = 250;

    /** Slack's markdown block takes at most this many characters. */
    public static final int MAX_MARKDOWN_LENGTH = 12_000;

    /** The metadata event type carrying the idempotency key. */
    public static final String EVENT_TYPE = "releasekit_post";

    private final String name;
    private final Secret token;
    private final String channelId;
    private final int historyLimit;
    private final Redactor redactor;
    private final HttpChannel http;
    private final HttpErrors errors;

    private SlackNotifier(Builder b) {
        this.name = Notifiers.requireValidName(b.name);
        this.token = Secret.of(b.token, "token of channel '" + name + "'");
        if (b.channelId == null || !b.channelId.matches("[A-Z0-9]{2,30}")) {
            throw new InvalidInputException("channel-id of channel '" + name
                    + "' must be a Slack channel id like C0123456789, was '" + b.channelId + "'");
        }
        if (b.historyLimit < 1 || b.historyLimit > 999) {
            throw new InvalidInputException(
                    "history-limit of channel '" + name + "' must be 1-999, was " + b.historyLimit);
        }
        this.channelId = b.channelId;
        this.historyLimit = b.historyLimit;
        this.redactor = Redactor.of(token);
        URI base = Urls.require(b.baseUrl, "base-url of channel '" + name + "'", false, b.allowHttp);
        this.http = new HttpChannel(SERVICE, base, b.timeout, redactor);
        // Slack answers its errors in {"ok": false} bodies; a 4xx status means the configured URL is wrong.
        this.errors = HttpErrors.rejectingClientErrors(SERVICE, redactor);
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

    /** The Slack channel id. */
    public String channelId() {
        return channelId;
    }

    @Override
    public Delivery post(Message message, String idempotencyKey) {
        String key = Keys.require(idempotencyKey);
        Optional<String> earlier = findPosted(key);
        if (earlier.isPresent()) {
            return Delivery.found(List.of(earlier.get()));
        }
        if (message.hasMarkdown() && message.markdown().length() > MAX_MARKDOWN_LENGTH) {
            throw new InvalidInputException("markdown for channel '" + name + "' is "
                    + message.markdown().length() + " characters long; Slack's markdown block takes at most "
                    + MAX_MARKDOWN_LENGTH);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channelId);
        body.put("text", escape(message.text()));
        if (message.hasMarkdown()) {
            body.put("blocks", List.of(Map.of("type", "markdown", "text", message.markdown())));
        }
        body.put("metadata", Map.of("event_type", EVENT_TYPE, "event_payload", Map.of("idempotency_key", key)));
        body.put("unfurl_links", false);
        JsonNode reply = call("chat.postMessage", post("chat.postMessage", body));
        String ts = Json.text(reply, "ts")
                .orElseThrow(() -> new ServiceUnavailableException(
                        SERVICE, "slack chat.postMessage for channel '" + name + "' answered without a ts"));
        return Delivery.posted(List.of(ts));
    }

    /**
     * The {@code ts} of the message posted with this idempotency key, if it is among the channel's latest {@code
     * historyLimit} messages.
     */
    public Optional<String> findPosted(String idempotencyKey) {
        JsonNode reply = call(
                "conversations.history",
                get(
                        "conversations.history",
                        "channel=" + enc(channelId) + "&limit=" + historyLimit + "&include_all_metadata=true"));
        JsonNode messages = reply.get("messages");
        if (messages == null || !messages.isArray()) {
            return Optional.empty();
        }
        for (JsonNode m : messages) {
            if (EVENT_TYPE.equals(Json.text(m, "metadata", "event_type").orElse(null))
                    && idempotencyKey.equals(Json.text(m, "metadata", "event_payload", "idempotency_key")
                            .orElse(null))) {
                return Json.text(m, "ts");
            }
        }
        return Optional.empty();
    }

    /** {@value #MAX_TOPIC_LENGTH} characters. */
    @Override
    public OptionalInt topicLimit() {
        return OptionalInt.of(MAX_TOPIC_LENGTH);
    }

    @Override
    public boolean supportsTopic() {
        return true;
    }

    @Override
    public Topic topic() {
        JsonNode reply = call("conversations.info", get("conversations.info", "channel=" + enc(channelId)));
        return Topic.of(Json.text(reply, "channel", "topic", "value").orElse(""));
    }

    @Override
    public Topic setTopic(Topic topic) {
        Objects.requireNonNull(topic, "topic");
        if (topic.text().length() > MAX_TOPIC_LENGTH) {
            throw new InvalidInputException("topic for channel '" + name + "' is "
                    + topic.text().length() + " characters long; Slack accepts at most " + MAX_TOPIC_LENGTH);
        }
        Topic previous = topic();
        call(
                "conversations.setTopic",
                post("conversations.setTopic", Map.of("channel", channelId, "topic", topic.text())));
        return previous;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "SlackNotifier[" + name + ", " + channelId + "]";
    }

    private JsonNode call(String method, HttpCall request) {
        request.bearerAuth(token.reveal());
        HttpReply reply = http.send(request, where(method));
        return translate(method, reply);
    }

    /** The one translation of Slack's answers into results and exceptions. */
    private JsonNode translate(String method, HttpReply reply) {
        String where = where(method);
        if (!reply.ok()) {
            throw errors.translate(reply, where);
        }
        JsonNode json = reply.json();
        JsonNode ok = json.get("ok");
        if (ok != null && ok.isBoolean() && ok.asBoolean()) {
            return json;
        }
        String error = Json.text(json, "error").orElse("unknown_error");
        String what = where + " failed: " + redactor.redact(error);
        throw switch (error) {
            case "channel_not_found" ->
                new NotFoundException(
                        where + " failed: Slack channel " + channelId + " was not found (channel_not_found)");
            case "ratelimited", "rate_limited" -> errors.rateLimited(reply, where);
            case "internal_error", "fatal_error", "service_unavailable", "request_timeout" ->
                new ServiceUnavailableException(SERVICE, what);
            case "too_long",
                    "msg_too_long",
                    "no_text",
                    "invalid_blocks",
                    "invalid_metadata_format",
                    "invalid_metadata_schema",
                    "metadata_too_large",
                    "invalid_arguments" -> new InvalidInputException(what);
            case "not_authed", "invalid_auth", "account_inactive", "token_revoked", "token_expired" ->
                new ChannelRejectedException(what + " (the configured token is not accepted)");
            default -> new ChannelRejectedException(what);
        };
    }

    private String where(String method) {
        return "slack " + method + " for channel '" + name + "'";
    }

    private HttpCall post(String method, Map<String, ?> body) {
        return HttpCall.post(http.path("/" + method), Json.write(body)).contentType(HttpCall.JSON_UTF8);
    }

    private HttpCall get(String method, String query) {
        return HttpCall.get(http.path("/" + method) + "?" + query);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Slack's three control characters in plain text ({@code &}, {@code <}, {@code >}). */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Builds a {@link SlackNotifier}. */
    public static final class Builder {
        private final String name;
        private String token;
        private String channelId;
        private String baseUrl = DEFAULT_BASE_URL.toString();
        private Duration timeout = Duration.ofSeconds(10);
        private int historyLimit = 100;
        private boolean allowHttp;

        private Builder(String name) {
            this.name = name;
        }

        /** The bot token ({@code xoxb-...}); required. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The channel id ({@code C0123456789}); required. */
        public Builder channelId(String channelId) {
            this.channelId = channelId;
            return this;
        }

        /** The Web API base URL; default {@code https://slack.com/api}. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The connect and read time limit of one request; default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many of the latest messages are searched for an earlier post with the same key; default 100. */
        public Builder historyLimit(int historyLimit) {
            this.historyLimit = historyLimit;
            return this;
        }

        /** Allows a plain {@code http} base URL to a non-loopback host (never in production). */
        public Builder allowHttp(boolean allowHttp) {
            this.allowHttp = allowHttp;
            return this;
        }

        /**
         * Builds the notifier and its HTTP client.
         *
         * @throws InvalidInputException naming the missing or bad setting
         */
        public SlackNotifier build() {
            return new SlackNotifier(this);
        }
    }
}
