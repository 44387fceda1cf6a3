package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.Map;

/**
 * A Slack channel played by WireMock under {@code /api}: an empty history, a post that succeeds, then the history
 * holding the post. Shared by the release-train tests of release-api and release-processes.
 */
public final class SlackScenario {

    /** The channel id. */
    public static final String CHANNEL = "C0TRAIN0001";
    /** chat.postMessage under the WireMock server. */
    public static final String POST = "/api/chat.postMessage";
    /** conversations.history under the WireMock server. */
    public static final String HISTORY = "/api/conversations.history";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer slack;
    private final String channel;

    /** The scenario on {@code slack} for {@code channel}. */
    public SlackScenario(WireMockServer slack, String channel) {
        this.slack = slack;
        this.channel = channel;
    }

    /** The channel's history without the post, and posts that succeed. */
    public void up() {
        slack.stubFor(WireMock.get(urlPathEqualTo(HISTORY))
                .withQueryParam("channel", equalTo(channel))
                .willReturn(okJson("{\"ok\":true,\"messages\":[{\"type\":\"message\",\"user\":\"U012AB3CDE\","
                        + "\"text\":\"good morning\",\"ts\":\"1763960000.000100\"}],\"has_more\":false}")));
        slack.stubFor(post(urlPathEqualTo(POST))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"1763965000.000200\","
                        + "\"message\":{\"type\":\"message\",\"subtype\":\"bot_message\",\"bot_id\":\"B0TRAIN\","
                        + "\"text\":\"Released v1.4.1 to production\",\"ts\":\"1763965000.000200\"}}")));
    }

    /** The channel's history now holds this post (its JSON body), with the metadata it was sent with. */
    public void has(Map<String, Object> post) {
        slack.stubFor(WireMock.get(urlPathEqualTo(HISTORY))
                .atPriority(1)
                .willReturn(okJson("{\"ok\":true,\"messages\":[{\"type\":\"message\",\"subtype\":\"bot_message\","
                        + "\"bot_id\":\"B0TRAIN\",\"text\":" + json(post.get("text"))
                        + ",\"ts\":\"1763965000.000200\",\"metadata\":" + json(post.get("metadata"))
                        + "}],\"has_more\":false}")));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
