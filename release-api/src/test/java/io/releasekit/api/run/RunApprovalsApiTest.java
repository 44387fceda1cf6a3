package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The two-person rule over REST: two distinct release managers, the requester excluded, before anything runs. */
@MicronautTest(transactional = false) // the test talks to the service over HTTP, like a client
class RunApprovalsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
    }

    @Test
    void startsOnlyAfterTwoDistinctReleaseManagersApproved() {
        Map<String, Object> run = http.start(TestTokens.CI, "test.approval", Map.of());
        String id = (String) run.get("id");
        assertThat(run)
                .containsEntry("state", "AWAITING_APPROVAL")
                .containsEntry("approvalsRequired", 2)
                .containsEntry("approverRole", "release-manager");

        RunsHttp.Response first = approve(id, TestTokens.RELEASE_MANAGER_1, "checked the artifacts");
        RunsHttp.Response twice = approve(id, TestTokens.RELEASE_MANAGER_1, "again");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).containsEntry("state", "AWAITING_APPROVAL");
        assertThat(twice.status()).isEqualTo(200);
        assertThat((List<?>) twice.json().get("approvals")).hasSize(1);
        assertThat(http.get("/api/v1/runs/" + id, TestTokens.READER).json())
                .containsEntry("state", "AWAITING_APPROVAL");
        assertThat(SideEffects.writes(id, "ship")).isEmpty();

        RunsHttp.Response second = approve(id, TestTokens.RELEASE_MANAGER_2, null);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("state")).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");
        assertThat(done.get("state")).isEqualTo("SUCCEEDED");
        assertThat(done.get("approvals"))
                .asList()
                .extracting(a -> ((Map<?, ?>) a).get("principal"), a -> ((Map<?, ?>) a).get("comment"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TestTokens.RELEASE_MANAGER_1_NAME, "checked the artifacts"),
                        org.assertj.core.groups.Tuple.tuple(TestTokens.RELEASE_MANAGER_2_NAME, null));
        assertThat(SideEffects.writes(id, "ship")).hasSize(1);
    }

    @Test
    void refusesSelfApprovalWith403() {
        String id = (String) http.start(TestTokens.RELEASE_MANAGER_1, "test.approval", Map.of())
                .get("id");

        RunsHttp.Response self = approve(id, TestTokens.RELEASE_MANAGER_1, null);

        assertThat(self.status()).isEqualTo(403);
        assertThat(self.header("Content-Type")).startsWith("application/problem+json");
        assertThat(self.json()).containsEntry("type", "https://releasekit.io/problems/forbidden");
        assertThat((String) self.json().get("detail")).contains(TestTokens.RELEASE_MANAGER_1_NAME, "may not approve");
        assertThat(http.get("/api/v1/runs/" + id, TestTokens.READER).json().get("approvals"))
                .asList()
                .isEmpty();

        approve(id, TestTokens.RELEASE_MANAGER_2, null);
        approve(id, TestTokens.ADMIN, "admin holds every role");
        assertThat(http.awaitState(id, WAIT, "SUCCEEDED", "FAILED")).containsEntry("state", "SUCCEEDED");
    }

    @Test
    void refusesApproversWithoutTheReleaseManagerRole() {
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");

        assertThat(approve(id, TestTokens.CI, null).status()).isEqualTo(403);
        assertThat(approve(id, TestTokens.READER, null).status()).isEqualTo(403);
        assertThat(http.get("/api/v1/runs/" + id, TestTokens.READER).json())
                .containsEntry("state", "AWAITING_APPROVAL")
                .containsEntry("approvals", List.of());
    }

    @Test
    void approvingARunThatIsNotAwaitingApprovalIs409() {
        String id =
                (String) http.start(TestTokens.CI, "test.counting", Map.of()).get("id");
        http.awaitState(id, WAIT, "SUCCEEDED");

        RunsHttp.Response r = approve(id, TestTokens.RELEASE_MANAGER_1, null);

        assertThat(r.status()).isEqualTo(409);
        assertThat((String) r.json().get("detail")).contains(id, "SUCCEEDED");
    }

    @Test
    void aDryRunDoesNotWaitForApprovals() {
        RunsHttp.Response r = http.post(
                "/api/v1/runs", TestTokens.CI, RunsHttp.json(Map.of("kind", "test.approval", "dryRun", true)));

        assertThat(http.awaitState((String) r.json().get("id"), WAIT, "SUCCEEDED"))
                .containsEntry("dryRun", true);
    }

    @Test
    void cancelsARunAwaitingApproval() {
        String id =
                (String) http.start(TestTokens.CI, "test.approval", Map.of()).get("id");

        RunsHttp.Response cancel = http.post("/api/v1/runs/" + id + "/cancel", TestTokens.CI, "");

        assertThat(cancel.json()).containsEntry("state", "CANCELLED");
        assertThat(approve(id, TestTokens.RELEASE_MANAGER_1, null).status()).isEqualTo(409);
        assertThat(SideEffects.writes(id, "ship")).isEmpty();
    }

    private RunsHttp.Response approve(String id, String token, String comment) {
        String body = comment == null ? "{}" : RunsHttp.json(Map.of("comment", comment));
        return http.post("/api/v1/runs/" + id + "/approvals", token, body);
    }
}
