package io.releasekit.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.PostSplitter;
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
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Mastodon account through {@code POST /api/v1/statuses} and an access token with scope {@code write:statuses}. An
 * announcement longer than the instance's limit (500 by default, counted as Mastodon counts: {@link
 * io.releasekit.core.notify.MastodonLength}) becomes a thread: each post replies to the previous one ({@code
 * in_reply_to_id}) and ends with {@code " (i/n)"}. Mastodon renders no Markdown: the plain text is posted.
 *
 * <p><b>Exactly once.</b> Post {@code n} of a thread is sent with {@code Idempotency-Key: <key>-<n>}; Mastodon answers
 * a repeated key with the status it already created (it keeps keys for one hour), so a retried or replayed thread
 * reuses the posts made before the interruption and continues where it stopped.
 *
 * <p>Errors ({@code {"error": ...}}) are translated in one place: 429 → rate limited (wait from {@code Retry-After} or
 * {@code X-RateLimit-Reset}), 5xx/reset/time-out → service unavailable, 401/403 → {@link ChannelRejectedException},
 * 404/410 → {@link NotFoundException}, 409 → {@link io.releasekit.core.ConflictException}, 400/422 (e.g. text too long)
 * → {@link InvalidInputException}.
 */
public final class MastodonNotifier implements Notifier {

    /** The channel type. */
    public static final String TYPE = "mastodon";

    /** The guard service name. */
    public static final String SERVICE = "mastodon";

    /** The visibilities Mastodon accepts. */
    public static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    private final String name;
    private final Secret token;
    private final String visibility;
    private final PostSplitter splitter;
    private final Redactor redactor;
    private final HttpChannel http;
    private final HttpErrors errors;

    private MastodonNotifier(Builder b) {
        this.name = Notifiers.requireValidName(b.name);
        this.token = Secret.of(b.token, "token of channel '" + name + "'");
        if (!VISIBILITIES.contains(b.visibility)) {
            throw new InvalidInputException("visibility of channel '" + name + "' must be one of "
                    + new java.util.TreeSet<>(VISIBILITIES) + ", was '" + b.visibility + "'");
        }
        if (b.maxCharacters < 50 || b.maxCharacters > 100_000) {
            throw new InvalidInputException(
                    "max-characters of channel '" + name + "' must be 50-100000, was " + b.maxCharacters);
        }
        this.visibility = b.visibility;
        this.splitter = PostSplitter.mastodon(b.maxCharacters);
        this.redactor = Redactor.of(token);
        URI base = Urls.require(b.baseUrl, "base-url of channel '" + name + "'", false, b.allowHttp);
        this.http = new HttpChannel(SERVICE, base, b.timeout, redactor);
        this.errors = HttpErrors.standard(SERVICE, redactor)
                .hint(HttpErrors.Kind.REJECTED, "check the token and its write:statuses scope")
                .waitFrom(MastodonNotifier::wait);
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

    /** The posts of the thread this message becomes, each within the instance's limit. */
    @Override
    public List<String> render(Message message) {
        return splitter.split(message.text());
    }

    /**
     * Posts the message, as a thread when it is too long for one post.
     *
     * @return the status ids of the thread, first post first
     */
    @Override
    public Delivery post(Message message, String idempotencyKey) {
        String key = Keys.require(idempotencyKey);
        List<String> posts = render(message);
        List<String> ids = new ArrayList<>();
        String previous = null;
        for (int i = 0; i < posts.size(); i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", posts.get(i));
            body.put("visibility", visibility);
            if (previous != null) {
                body.put("in_reply_to_id", previous);
            }
            String what = "post " + (i + 1) + "/" + posts.size();
            HttpReply reply = http.send(
                    HttpCall.post(http.path("/api/v1/statuses"), Json.write(body))
                            .contentType(HttpCall.JSON)
                            .bearerAuth(token.reveal())
                            .header("Idempotency-Key", key + "-" + (i + 1)),
                    where(what));
            JsonNode status = translate(what, reply);
            previous = Json.text(status, "id")
                    .orElseThrow(() ->
                            new ServiceUnavailableException(SERVICE, where(what) + " answered without a status id"));
            ids.add(previous);
        }
        return Delivery.posted(ids);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "MastodonNotifier[" + name + "]";
    }

    /** The one translation of Mastodon's answers into results and exceptions. */
    private JsonNode translate(String what, HttpReply reply) {
        String where = where(what);
        JsonNode json = reply.json();
        if (reply.ok()) {
            return json;
        }
        throw errors.translate(reply, where, Json.text(json, "error").orElse(reply.excerpt()));
    }

    private static Optional<Duration> wait(HttpReply reply) {
        Optional<Duration> retryAfter = reply.retryAfter(ZonedDateTime.now());
        if (retryAfter.isPresent()) {
            return retryAfter;
        }
        return reply.header("X-RateLimit-Reset").flatMap(v -> {
            try {
                Duration d = Duration.between(OffsetDateTime.now(), OffsetDateTime.parse(v.strip()));
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private String where(String what) {
        return "mastodon " + what + " for channel '" + name + "'";
    }

    /** Builds a {@link MastodonNotifier}. */
    public static final class Builder {
        private final String name;
        private String token;
        private String baseUrl;
        private String visibility = "public";
        private int maxCharacters = PostSplitter.MASTODON_LIMIT;
        private Duration timeout = Duration.ofSeconds(10);
        private boolean allowHttp;

        private Builder(String name) {
            this.name = name;
        }

        /** The access token (scope {@code write:statuses}); required. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The instance URL, e.g. {@code https://fosstodon.org}; required. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** {@code public} (default), {@code unlisted}, {@code private} or {@code direct}. */
        public Builder visibility(String visibility) {
            this.visibility = visibility;
            return this;
        }

        /** The instance's status limit; default 500. */
        public Builder maxCharacters(int maxCharacters) {
            this.maxCharacters = maxCharacters;
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
        public MastodonNotifier build() {
            return new MastodonNotifier(this);
        }
    }
}
