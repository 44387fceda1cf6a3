package io.releasekit.api.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Outage drills through the REST API with the real Mastodon adapter against WireMock: {@code notify.announce} while
 * Mastodon is down (forced open by an admin, or answering 503 / resetting connections) ends SUCCEEDED_DEGRADED with
 * its post DEFERRED, and once Mastodon is back the post is made exactly once and the run ends SUCCEEDED.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageDrillApiTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STATUSES = "/api/v1/statuses";
    private static final String STEP = "notify-fosstodon";

    static final WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort());

    static {
        wm.start();
    }

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("releasekit.channels.fosstodon.type", "mastodon");
        p.put("releasekit.channels.fosstodon.base-url", wm.baseUrl());
        p.put("releasekit.channels.fosstodon.token", "mastodon-drill-SeCrEt-token");
        p.put("releasekit.services.mastodon.max-attempts", "1");
        p.put("releasekit.services.mastodon.timeout", "3s");
        p.put("releasekit.runs.replay-interval", "200ms");
        return p;
    }

    @AfterAll
    void stopWireMock() {
        wm.stop();
    }

    @BeforeEach
    void start() {
        wm.resetAll();
        http = new RunsHttp(server.getURI());
        http.post("/api/v1/services/mastodon/reset", TestTokens.ADMIN, "");
    }

    @Test
    void aDeclaredMastodonOutageDefersTheAnnouncementAndTheResetPostsItOnce() {
        wm.stubFor(post(STATUSES).willReturn(okJson("{\"id\":\"109372843234\"}")));
        assertThat(http.post("/api/v1/services/mastodon/force-open", TestTokens.ADMIN, "")
                        .status())
                .isEqualTo(200);

        Map<String, Object> preflight = http.post(
                        "/api/v1/run-kinds/notify.announce/preflight",
                        TestTokens.READER,
                        RunsHttp.json(Map.of("parameters", announce("1.4.0"))))
                .json();
        assertThat(preflight).containsEntry("verdict", "GO_DEGRADED");
        assertThat((List<String>) preflight.get("deferredSteps")).containsExactly(STEP);

        String id = (String)
                http.start(TestTokens.CI, "notify.announce", announce("1.4.0")).get("id");
        Map<String, Object> degraded = http.awaitState(id, WAIT, "SUCCEEDED_DEGRADED", "FAILED", "SUCCEEDED");
        assertThat(degraded.get("state")).isEqualTo("SUCCEEDED_DEGRADED");
        assertThat(RunsHttp.steps(degraded).get(STEP)).containsEntry("state", "DEFERRED");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(STATUSES)))).isEmpty();

        assertThat(http.post("/api/v1/services/mastodon/reset", TestTokens.ADMIN, "")
                        .status())
                .isEqualTo(200);

        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");
        assertThat(done.get("state")).isEqualTo("SUCCEEDED");
        assertThat(wm.findAll(postRequestedFor(urlEqualTo(STATUSES)))).hasSize(1);
    }

    @Test
    void mastodonFailingWith503AndResetsDefersThePostAndTheReplayPostsItOnce() {
        wm.stubFor(post(STATUSES)
                .inScenario("outage")
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willSetStateTo("503")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        wm.stubFor(post(STATUSES)
                .inScenario("outage")
                .whenScenarioStateIs("503")
                .willReturn(aResponse().withStatus(503).withBody("<html>503 Service Unavailable</html>")));

        String id = (String)
                http.start(TestTokens.CI, "notify.announce", announce("1.5.0")).get("id");
        Map<String, Object> degraded = http.awaitState(id, WAIT, "SUCCEEDED_DEGRADED", "FAILED", "SUCCEEDED");
        assertThat(degraded.get("state")).isEqualTo("SUCCEEDED_DEGRADED");
        // replays run every 200 ms while the breaker is still closed: between two of them the post is DEFERRED again
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "DEFERRED"
                        .equals(RunsHttp.steps(http.get("/api/v1/runs/" + id, TestTokens.READER)
                                        .json())
                                .get(STEP)
                                .get("state")));

        // Mastodon is back: a stub of higher priority answers every later post
        wm.stubFor(post(STATUSES).atPriority(1).willReturn(okJson("{\"id\":\"109372843235\"}")));

        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");
        assertThat(done.get("state")).isEqualTo("SUCCEEDED");
        // WireMock logs a faulted exchange with status 200: count the answers without a fault
        assertThat(wm.getAllServeEvents().stream()
                        .filter(e -> e.getRequest().getUrl().equals(STATUSES))
                        .filter(e -> e.getResponseDefinition().getFault() == null)
                        .filter(e -> e.getResponse().getStatus() == 200))
                .as("exactly one post accepted once Mastodon answered again")
                .hasSize(1);
    }

    private static Map<String, Object> announce(String version) {
        return Map.of("channels", List.of("fosstodon"), "text", "releasekit " + version + " is out");
    }
}
