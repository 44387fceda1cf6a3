package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A release manager's veto over REST: {@code POST /api/v1/runs/{id}/rejections}. */
@MicronautTest(transactional = false)
class RunRejectionsApiTest {

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
    }

    @Test
    void aReleaseManagerRejectsARunAwaitingApprovalAndNothingRuns() {
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");

        RunsHttp.Response r = reject(id, TestTokens.RELEASE_MANAGER_1, "not this week");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json())
                .containsEntry("state", "CANCELLED")
                .containsEntry("reason", "rejected by " + TestTokens.RELEASE_MANAGER_1_NAME + ": not this week");
        assertThat(http.get("/api/v1/runs/" + id, TestTokens.READER).json()).containsEntry("state", "CANCELLED");
        assertThat(SideEffects.writes(id, "ship")).isEmpty();
    }

    @Test
    void ciAndReadersMayNotRejectAndAnEndedRunIs409() {
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");

        assertThat(reject(id, TestTokens.CI, null).status()).isEqualTo(403);
        assertThat(reject(id, TestTokens.READER, null).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/runs/" + id, TestTokens.READER).json())
                .containsEntry("state", "AWAITING_APPROVAL");

        String done =
                (String) http.start(TestTokens.CI, "test.counting", Map.of()).get("id");
        http.awaitState(done, Duration.ofSeconds(20), "SUCCEEDED");
        RunsHttp.Response late = reject(done, TestTokens.RELEASE_MANAGER_1, null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.header("Content-Type")).startsWith("application/problem+json");
        assertThat((String) late.json().get("detail")).contains(done, "not awaiting approval");
    }

    @Test
    void rejectingAnUnknownRunIs404() {
        assertThat(reject("no-such-run", TestTokens.RELEASE_MANAGER_1, null).status())
                .isEqualTo(404);
    }

    private RunsHttp.Response reject(String id, String token, String comment) {
        String body = comment == null ? "{}" : RunsHttp.json(Map.of("comment", comment));
        return http.post("/api/v1/runs/" + id + "/rejections", token, body);
    }
}
