package io.releasekit.api.notify;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.releasekit.notify.ChannelSpec;
import java.time.Duration;

/**
 * One chat channel: {@code releasekit.channels.<name>.*}. {@code type} is {@code slack}, {@code slack-webhook},
 * {@code matrix}, {@code mastodon} or {@code webhook}; the other settings depend on it (see {@link ChannelSpec}).
 * Tokens, webhook URLs and secrets belong in the environment ({@code token: ${SLACK_BOT_TOKEN}}), never in a file.
 */
@EachProperty("releasekit.channels")
public class ChannelProperties {

    private final String name;
    private String type;
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

    public ChannelProperties(@Parameter String name) {
        this.name = name;
    }

    /** The channel name. */
    public String getName() {
        return name;
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public void setChannelId(String channelId) {
        this.channelId = channelId;
    }

    public void setRoomId(String roomId) {
        this.roomId = roomId;
    }

    public void setVisibility(String visibility) {
        this.visibility = visibility;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public void setMaxCharacters(Integer maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    public void setHistoryLimit(Integer historyLimit) {
        this.historyLimit = historyLimit;
    }

    public void setAllowHttp(boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    /** The library's spec of this channel. */
    public ChannelSpec toSpec() {
        return ChannelSpec.builder(name, type)
                .url(url)
                .baseUrl(baseUrl)
                .token(token)
                .channelId(channelId)
                .roomId(roomId)
                .visibility(visibility)
                .secret(secret)
                .timeout(timeout)
                .maxCharacters(maxCharacters)
                .historyLimit(historyLimit)
                .allowHttp(allowHttp)
                .build();
    }

    /** Never shows a token, URL or secret. */
    @Override
    public String toString() {
        return "ChannelProperties[" + name + ", " + type + "]";
    }
}
