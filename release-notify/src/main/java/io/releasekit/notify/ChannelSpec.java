package io.releasekit.notify;

import java.time.Duration;

/**
 * The configuration of one channel, as read from {@code releasekit.channels.<name>.*} or written by a library user;
 * {@link Channels#create(ChannelSpec)} turns it into a notifier. Which settings a type uses:
 *
 * <table>
 *   <caption>settings per type</caption>
 *   <tr><th>type</th><th>required</th><th>optional</th></tr>
 *   <tr><td>{@code slack}</td><td>token, channelId</td><td>baseUrl, historyLimit</td></tr>
 *   <tr><td>{@code slack-webhook}</td><td>url</td><td></td></tr>
 *   <tr><td>{@code matrix}</td><td>baseUrl, token, roomId</td><td></td></tr>
 *   <tr><td>{@code mastodon}</td><td>baseUrl, token</td><td>visibility, maxCharacters</td></tr>
 *   <tr><td>{@code webhook}</td><td>url</td><td>secret</td></tr>
 * </table>
 *
 * <p>Every type also takes {@code timeout} and {@code allowHttp}. {@link #toString()} never shows the token, the
 * secret or a URL's path.
 *
 * @param name the channel name
 * @param type {@code slack}, {@code slack-webhook}, {@code matrix}, {@code mastodon} or {@code webhook}
 * @param url the webhook URL (a credential)
 * @param baseUrl the API base URL (Slack Web API, Matrix homeserver, Mastodon instance)
 * @param token the bot or access token
 * @param channelId the Slack channel id
 * @param roomId the Matrix room id
 * @param visibility the Mastodon visibility
 * @param secret the webhook HMAC secret
 * @param timeout the time limit of one request, or {@code null} for 10 s
 * @param maxCharacters the Mastodon status limit, or {@code null} for 500
 * @param historyLimit the Slack messages searched for an earlier post, or {@code null} for 100
 * @param allowHttp whether plain {@code http} to a non-loopback host is allowed
 */
public record ChannelSpec(
        String name,
        String type,
        String url,
        String baseUrl,
        String token,
        String channelId,
        String roomId,
        String visibility,
        String secret,
        Duration timeout,
        Integer maxCharacters,
        Integer historyLimit,
        boolean allowHttp) {

    /** Starts a builder. */
    public static Builder builder(String name, String type) {
        return new Builder(name, type);
    }

    /** Shows the name, type and non-secret settings only. */
    @Override
    public String toString() {
        return "ChannelSpec[name=" + name + ", type=" + type + ", channelId=" + channelId + ", roomId=" + roomId
                + ", visibility=" + visibility + ", timeout=" + timeout + "]";
    }

    /** Builds a {@link ChannelSpec}. */
    public static final class Builder {
        private final String name;
        private final String type;
        private String url;
        private String baseUrl;
        private String token;
        private String channelId;
        private String roomId;
        private String visibility;
        private String secret;
        private Duration timeout;
        private Integer maxCharacters;
        private Integer historyLimit;
        private boolean allowHttp;

        private Builder(String name, String type) {
            this.name = name;
            this.type = type;
        }

        /** The webhook URL. */
        public Builder url(String v) {
            this.url = v;
            return this;
        }

        /** The API base URL. */
        public Builder baseUrl(String v) {
            this.baseUrl = v;
            return this;
        }

        /** The token. */
        public Builder token(String v) {
            this.token = v;
            return this;
        }

        /** The Slack channel id. */
        public Builder channelId(String v) {
            this.channelId = v;
            return this;
        }

        /** The Matrix room id. */
        public Builder roomId(String v) {
            this.roomId = v;
            return this;
        }

        /** The Mastodon visibility. */
        public Builder visibility(String v) {
            this.visibility = v;
            return this;
        }

        /** The webhook secret. */
        public Builder secret(String v) {
            this.secret = v;
            return this;
        }

        /** The time limit of one request. */
        public Builder timeout(Duration v) {
            this.timeout = v;
            return this;
        }

        /** The Mastodon status limit. */
        public Builder maxCharacters(Integer v) {
            this.maxCharacters = v;
            return this;
        }

        /** The Slack history searched for an earlier post. */
        public Builder historyLimit(Integer v) {
            this.historyLimit = v;
            return this;
        }

        /** Whether plain http to a non-loopback host is allowed. */
        public Builder allowHttp(boolean v) {
            this.allowHttp = v;
            return this;
        }

        /** Builds the spec (checked when the notifier is created). */
        public ChannelSpec build() {
            return new ChannelSpec(
                    name,
                    type,
                    url,
                    baseUrl,
                    token,
                    channelId,
                    roomId,
                    visibility,
                    secret,
                    timeout,
                    maxCharacters,
                    historyLimit,
                    allowHttp);
        }
    }
}
