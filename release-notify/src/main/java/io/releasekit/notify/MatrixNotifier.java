package io.releasekit.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ReleaseException;
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
import io.releasekit.notify.internal.MatrixHtml;
import io.releasekit.notify.internal.Urls;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Matrix room through the client-server API (v3) and an access token: {@code m.room.message} events and the {@code
 * m.room.topic} state event. Messages are {@code m.text}: the plain text is the {@code body}; a message with a Markdown
 * form is also sent as HTML ({@code format: org.matrix.custom.html}, {@code formatted_body}) rendered by {@link
 * MatrixHtml}, which escapes everything that is not Markdown markup, so a message cannot inject HTML.
 *
 * <p><b>Exactly once.</b> A message is sent with {@code PUT
 * /_matrix/client/v3/rooms/{roomId}/send/m.room.message/{txnId}}, the transaction id being the idempotency key: the
 * homeserver answers a repeated transaction id (same access token) with the event it already created, so retries and
 * replays never duplicate the message.
 *
 * <p>Errors ({@code errcode}) are translated in one place: 429/{@code M_LIMIT_EXCEEDED} → rate limited (with {@code
 * retry_after_ms}), 5xx/reset/time-out → service unavailable, {@code M_NOT_FOUND} → {@link NotFoundException}, {@code
 * M_UNKNOWN_TOKEN}/{@code M_MISSING_TOKEN}/{@code M_FORBIDDEN} → {@link ChannelRejectedException}, {@code
 * M_BAD_JSON}/{@code M_TOO_LARGE} → {@link InvalidInputException}. The token never appears in a message.
 */
public final class MatrixNotifier implements Notifier {

    /** The channel type. */
    public static final String TYPE = "matrix";

    /** The guard service name. */
    public static final String SERVICE = "matrix";

    private final String name;
    private final Secret token;
    private final String roomId;
    private final Redactor redactor;
    private final HttpChannel http;
    private final HttpErrors errors;

    private MatrixNotifier(Builder b) {
        this.name = Notifiers.requireValidName(b.name);
        this.token = Secret.of(b.token, "token of channel '" + name + "'");
        if (b.roomId == null || !b.roomId.matches("![^:\\s]+:[^\\s]+")) {
            throw new InvalidInputException("room-id of channel '" + name
                    + "' must be a Matrix room id like !abcdef:example.org, was '" + b.roomId + "'");
        }
        this.roomId = b.roomId;
        this.redactor = Redactor.of(token);
        URI base = Urls.require(b.baseUrl, "base-url of channel '" + name + "'", false, b.allowHttp);
        this.http = new HttpChannel(SERVICE, base, b.timeout, redactor);
        // An unknown errcode is a refusal of the configuration, except that a 404 still means the room is gone.
        this.errors = HttpErrors.rejectingClientErrors(SERVICE, redactor)
                .with(HttpErrors.Kind.NOT_FOUND, 404)
                .waitFrom(MatrixNotifier::wait);
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

    /** The room id. */
    public String roomId() {
        return roomId;
    }

    /**
     * Sends the message with the idempotency key as transaction id.
     *
     * @return the event id (the same one again when the transaction id was used before)
     */
    @Override
    public Delivery post(Message message, String idempotencyKey) {
        String txnId = Keys.require(idempotencyKey);
        JsonNode reply = call(
                "send",
                HttpCall.put(roomPath("/send/m.room.message/" + enc(txnId)), Json.write(content(message)))
                        .contentType(HttpCall.JSON),
                false);
        return Delivery.posted(List.of(eventId(reply, "send")));
    }

    /** The {@code m.room.message} content: plain text, plus HTML when the message has a Markdown form. */
    static Map<String, Object> content(Message message) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("msgtype", "m.text");
        content.put("body", message.text());
        if (message.hasMarkdown()) {
            content.put("format", "org.matrix.custom.html");
            content.put("formatted_body", MatrixHtml.render(message.markdown()));
        }
        return content;
    }

    @Override
    public boolean supportsTopic() {
        return true;
    }

    /** The room's topic; {@link Topic#none()} when the room has none ({@code M_NOT_FOUND}). */
    @Override
    public Topic topic() {
        JsonNode reply = call("get topic", HttpCall.get(roomPath("/state/m.room.topic")), true);
        return reply == null ? Topic.none() : Topic.of(Json.text(reply, "topic").orElse(""));
    }

    @Override
    public Topic setTopic(Topic topic) {
        Objects.requireNonNull(topic, "topic");
        Topic previous = topic();
        Map<String, Object> content = Map.of(
                "topic", topic.text(),
                "m.topic", Map.of("m.text", List.of(Map.of("body", topic.text(), "mimetype", "text/plain"))));
        JsonNode reply = call(
                "set topic",
                HttpCall.put(roomPath("/state/m.room.topic"), Json.write(content))
                        .contentType(HttpCall.JSON),
                false);
        eventId(reply, "set topic");
        return previous;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "MatrixNotifier[" + name + ", " + roomId + "]";
    }

    private JsonNode call(String what, HttpCall request, boolean notFoundIsEmpty) {
        request.bearerAuth(token.reveal());
        HttpReply reply = http.send(request, where(what));
        return translate(what, reply, notFoundIsEmpty);
    }

    /** The one translation of the homeserver's answers into results and exceptions. */
    private JsonNode translate(String what, HttpReply reply, boolean notFoundIsEmpty) {
        String where = where(what);
        JsonNode json = reply.json();
        String errcode = Json.text(json, "errcode").orElse("");
        if (errcode.equals("M_LIMIT_EXCEEDED")) {
            throw errors.rateLimited(reply, where);
        }
        Optional<ReleaseException> byStatus = errors.byStatus(reply, where);
        if (byStatus.isPresent()) {
            throw byStatus.get();
        }
        if (reply.ok()) {
            return json;
        }
        if (reply.status() == 404 && notFoundIsEmpty && errcode.equals("M_NOT_FOUND")) {
            return null;
        }
        String detail = errcode + " " + Json.text(json, "error").orElse(reply.excerpt());
        String message = errors.message(reply, where, detail);
        throw switch (errcode) {
            case "M_NOT_FOUND" -> new NotFoundException(message);
            case "M_UNKNOWN_TOKEN", "M_MISSING_TOKEN" ->
                new ChannelRejectedException(message + " (the configured token is not accepted)");
            case "M_BAD_JSON", "M_NOT_JSON", "M_TOO_LARGE", "M_INVALID_PARAM" -> new InvalidInputException(message);
            default -> errors.translate(reply, where, detail);
        };
    }

    /** The wait of a rate limit: Matrix's {@code retry_after_ms} in the body, else {@code Retry-After}. */
    private static Optional<Duration> wait(HttpReply reply) {
        JsonNode ms = reply.json().get("retry_after_ms");
        if (ms != null && ms.isNumber()) {
            return Optional.of(Duration.ofMillis(ms.asLong()));
        }
        return reply.retryAfter(ZonedDateTime.now());
    }

    private String eventId(JsonNode reply, String what) {
        return Json.text(reply, "event_id")
                .orElseThrow(
                        () -> new ServiceUnavailableException(SERVICE, where(what) + " answered without an event_id"));
    }

    private String where(String what) {
        return "matrix " + what + " for channel '" + name + "'";
    }

    private String roomPath(String rest) {
        return http.path("/_matrix/client/v3/rooms/" + enc(roomId) + rest);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Builds a {@link MatrixNotifier}. */
    public static final class Builder {
        private final String name;
        private String token;
        private String roomId;
        private String baseUrl;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean allowHttp;

        private Builder(String name) {
            this.name = name;
        }

        /** The access token; required. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The room id ({@code !abcdef:example.org}, not an alias); required. */
        public Builder roomId(String roomId) {
            this.roomId = roomId;
            return this;
        }

        /** The homeserver's client-server base URL, e.g. {@code https://matrix.example.org}; required. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The connect and read time limit of one request; default 10 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
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
        public MatrixNotifier build() {
            return new MatrixNotifier(this);
        }
    }
}
