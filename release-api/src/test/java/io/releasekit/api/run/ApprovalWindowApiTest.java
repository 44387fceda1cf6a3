package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The approval window: a run that awaits approval longer than its window expires — fired by the clustered scheduler's
 * {@code expire-approval} task — and ends CANCELLED with an event saying so; a run approved in time is left alone.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalWindowApiTest implements TestPropertyProvider {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EmbeddedServer server;

    @Inject
    ApprovalProperties approvals;

    RunsHttp http;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "releasekit.approvals.window", "2s",
                "releasekit.approvals.windows.ferrocene.emergency-publish", "2h");
    }

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunNotApprovedWithinItsWindowExpiresAndNothingRuns() throws Exception {
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");

        Map<String, Object> expired = http.awaitState(id, WAIT, "CANCELLED", "SUCCEEDED", "FAILED");

        assertThat(expired)
                .containsEntry("state", "CANCELLED")
                .containsEntry("reason", "approval expired: not approved within PT2S");
        List<SseReader.SseEvent> events = SseReader.open(
                        server.getURI().resolve("/api/v1/runs/" + id + "/events"), TestTokens.READER, null)
                .awaitEnd(WAIT);
        assertThat(events).last().satisfies(e -> assertThat(
                        (Map<String, Object>) e.data().get("data"))
                .containsEntry("state", "CANCELLED")
                .containsEntry("expired", "true")
                .containsEntry("by", "approval-window"));
        assertThat(SideEffects.writes(id, "ship")).isEmpty();
        RunsHttp.Response late = http.post("/api/v1/runs/" + id + "/approvals", TestTokens.RELEASE_MANAGER_1, "{}");
        assertThat(late.status()).isEqualTo(409);
    }

    @Test
    void aRunApprovedWithinItsWindowRunsAndDoesNotExpire() {
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");
        http.post("/api/v1/runs/" + id + "/approvals", TestTokens.RELEASE_MANAGER_1, "{}");
        http.post("/api/v1/runs/" + id + "/approvals", TestTokens.RELEASE_MANAGER_2, "{}");

        assertThat(http.awaitState(id, WAIT, "SUCCEEDED", "FAILED", "CANCELLED"))
                .containsEntry("state", "SUCCEEDED");
        // a run that expires later than this one was started shows the expiry task has run for both by then
        String later =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");
        http.awaitState(later, WAIT, "CANCELLED");
        assertThat(http.get("/api/v1/runs/" + id, TestTokens.READER).json()).containsEntry("state", "SUCCEEDED");
    }

    @Test
    void aKindHasItsOwnWindow() {
        assertThat(approvals.windowOf("ferrocene.emergency-publish")).isEqualTo(Duration.ofHours(2));
        assertThat(approvals.windowOf("test.approval")).isEqualTo(Duration.ofSeconds(2));
    }
}
