package io.releasekit.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * Seed 004's chat, played by one WireMock server: Slack under {@code /slack/api} (channel {@code C0123456789}),
 * Matrix at the root (room {@code !packit:fedora.im}), Mastodon at the root. Topics follow the writes, as the real
 * services do. Shared by release-api's REST test of the seed and release-processes' plain-Java one.
 */
public final class PackitChatScenario {

    /** The deployment banner. */
    public static final String BANNER =
            "⚠️ Production redeployment in progress. If Packit does not react for 30 minutes,"
                    + " retrigger it with /packit build or /packit test. ⚠️";
    /** Slack's topic before and after. */
    public static final String SLACK_TOPIC =
            "Packit Service | docs: https://packit.dev | status: https://prod.packit.dev";
    /** Matrix's topic before and after. */
    public static final String MATRIX_TOPIC = "Packit | https://packit.dev | Matrix bridge of #packit";
    /** The room's topic state. */
    public static final String ROOM_TOPIC = "/_matrix/client/v3/rooms/%21packit%3Afedora.im/state/m.room.topic";
    /** Slack's conversations.setTopic. */
    public static final String SET_TOPIC = "/slack/api/conversations.setTopic";
    /** Mastodon's statuses. */
    public static final String STATUSES = "/api/v1/statuses";
    /** Slack's bot token. */
    public static final String SLACK_TOKEN = "xoxb-packit-e2e-SeCrEt";
    /** Matrix's access token. */
    public static final String MATRIX_TOKEN = "syt_packit_e2e_SeCrEt";
    /** Mastodon's token. */
    public static final String MASTODON_TOKEN = "mastodon-packit-e2e-SeCrEt";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer chat;
    private final String banner;

    /** The scenario on {@code chat}, with the deployment banner {@link #BANNER}. */
    public PackitChatScenario(WireMockServer chat) {
        this(chat, BANNER);
    }

    /** The scenario on {@code chat}, with this deployment banner (the run's {@code topic}). */
    public PackitChatScenario(WireMockServer chat, String banner) {
        this.chat = chat;
        this.banner = banner;
    }

    /**
     * Slack's conversations.info and Matrix's m.room.topic state follow the writes, as the real services do. With
     * {@code outage}, Slack answers 503 to everything and Matrix goes down (502 from its proxy) right after the
     * banner is set, until the test moves the "matrix" scenario back to "banner".
     */
    public void topics(boolean outage) {
        if (outage) {
            chat.stubFor(WireMock.get(urlPathEqualTo("/slack/api/conversations.info"))
                    .willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
            chat.stubFor(post(SET_TOPIC).willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
        } else {
            for (String[] state :
                    new String[][] {{STARTED, SLACK_TOPIC}, {"banner", banner}, {"restored", SLACK_TOPIC}}) {
                chat.stubFor(
                        WireMock.get(urlPathEqualTo("/slack/api/conversations.info"))
                                .withQueryParam("channel", equalTo("C0123456789"))
                                .inScenario("slack")
                                .whenScenarioStateIs(state[0])
                                .willReturn(
                                        okJson(
                                                "{\"ok\": true, \"channel\": {\"id\": \"C0123456789\", \"name\": \"packit\","
                                                        + " \"is_channel\": true, \"topic\": {\"value\": "
                                                        + quote(state[1])
                                                        + ", \"creator\": \"U012AB3CDE\", \"last_set\": 1763974800}, \"purpose\":"
                                                        + " {\"value\": \"Packit\", \"creator\": \"U012AB3CDE\", \"last_set\": 1700000000}}}")));
            }
            slackSetTopic(STARTED, banner, "banner");
            slackSetTopic("banner", SLACK_TOPIC, "restored");
        }
        for (String[] state :
                new String[][] {{STARTED, MATRIX_TOPIC}, {"banner", banner}, {"restored", MATRIX_TOPIC}}) {
            chat.stubFor(WireMock.get(urlEqualTo(ROOM_TOPIC))
                    .withHeader("Authorization", equalTo("Bearer " + MATRIX_TOKEN))
                    .inScenario("matrix")
                    .whenScenarioStateIs(state[0])
                    .willReturn(okJson("{\"topic\": " + quote(state[1]) + "}")));
        }
        chat.stubFor(put(urlEqualTo(ROOM_TOPIC))
                .inScenario("matrix")
                .whenScenarioStateIs(STARTED)
                .withRequestBody(matchingJsonPath("$.topic", equalTo(banner)))
                .willSetStateTo(outage ? "down" : "banner")
                .willReturn(okJson("{\"event_id\": \"$banner-7fYk2:fedora.im\"}")));
        chat.stubFor(put(urlEqualTo(ROOM_TOPIC))
                .inScenario("matrix")
                .whenScenarioStateIs("banner")
                .withRequestBody(matchingJsonPath("$.topic", equalTo(MATRIX_TOPIC)))
                .willSetStateTo("restored")
                .willReturn(okJson("{\"event_id\": \"$restored-9cQw1:fedora.im\"}")));
        chat.stubFor(WireMock.get(urlEqualTo(ROOM_TOPIC))
                .inScenario("matrix")
                .whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(502).withBody("<html><body>502 Bad Gateway</body></html>")));
        chat.stubFor(put(urlEqualTo(ROOM_TOPIC))
                .inScenario("matrix")
                .whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(502).withBody("<html><body>502 Bad Gateway</body></html>")));
    }

    private void slackSetTopic(String state, String topic, String next) {
        chat.stubFor(post(SET_TOPIC)
                .inScenario("slack")
                .whenScenarioStateIs(state)
                .withRequestBody(matchingJsonPath("$.topic", equalTo(topic)))
                .willSetStateTo(next)
                .willReturn(okJson("{\"ok\": true, \"channel\": {\"id\": \"C0123456789\", \"name\": \"packit\","
                        + " \"topic\": {\"value\": " + quote(topic) + ", \"creator\": \"U0RELEASEKIT\","
                        + " \"last_set\": 1763974800}}}")));
    }

    /** The id of the n-th post of a thread. */
    public static String tootId(int n) {
        return "11350000000000000" + n;
    }

    /** Mastodon answers each post of a thread with a new status id. */
    public void mastodonAnswers() {
        for (int i = 1; i <= 5; i++) {
            chat.stubFor(post(STATUSES)
                    .withHeader("Authorization", equalTo("Bearer " + MASTODON_TOKEN))
                    .inScenario("toots")
                    .whenScenarioStateIs(i == 1 ? STARTED : "posted-" + (i - 1))
                    .willSetStateTo("posted-" + i)
                    .willReturn(okJson("{\"id\": \"" + tootId(i) + "\", \"created_at\": \"2025-11-24T15:02:11.000Z\","
                            + " \"in_reply_to_id\": " + (i == 1 ? "null" : "\"" + tootId(i - 1) + "\"")
                            + ", \"sensitive\": false, \"spoiler_text\": \"\", \"visibility\": \"public\","
                            + " \"language\": \"en\", \"uri\": \"https://fosstodon.org/users/packit/statuses/"
                            + tootId(i) + "\", \"url\": \"https://fosstodon.org/@packit/" + tootId(i) + "\","
                            + " \"content\": \"<p>news</p>\", \"account\": {\"id\": \"109283746\","
                            + " \"username\": \"packit\", \"acct\": \"packit\"}}")));
        }
    }

    private static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
