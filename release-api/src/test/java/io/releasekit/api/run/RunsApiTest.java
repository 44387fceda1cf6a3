package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.RunStore;
import io.releasekit.core.run.StepRecord;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting, reading, listing and cancelling runs over REST, executed by the clustered scheduler on H2. */
@MicronautTest(transactional = false) // the test talks to the service over HTTP, like a client
class RunsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;

    @Inject
    RunStore store;

    RunsHttp http;

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
    }

    @Test
    void startsARunWith202AndItsLocationThenExecutesItsSteps() {
        RunsHttp.Response r = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(Map.of("kind", "test.echo", "parameters", Map.of("message", "hello", "repeat", 2))));

        assertThat(r.status()).isEqualTo(202);
        Map<String, Object> run = r.json();
        String id = (String) run.get("id");
        assertThat(r.header("Location")).isEqualTo("/api/v1/runs/" + id);
        assertThat(run)
                .containsEntry("kind", "test.echo")
                .containsEntry("requestedBy", TestTokens.CI_NAME)
                .containsEntry("dryRun", false)
                .containsEntry("parameters", Map.of("message", "hello", "repeat", 2));
        assertThat(run.get("state")).isIn("QUEUED", "RUNNING");
        assertThat(RunsHttp.steps(run)).containsOnlyKeys("check", "progress", "echo");

        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");

        assertThat(done.get("state")).isEqualTo("SUCCEEDED");
        assertThat(RunsHttp.steps(done).get("check").get("outputs")).isEqualTo(Map.of("message", "hello"));
        assertThat(RunsHttp.steps(done).values())
                .allSatisfy(s -> assertThat(s).containsEntry("attempts", 1).containsKey("finishedAt"));
        assertThat(SideEffects.writes(id, "echo")).hasSize(1);
    }

    @Test
    void listsRunsNewestFirstByKindAndState() {
        String label = UUID.randomUUID().toString();
        String first = (String) http.start(TestTokens.CI, "test.counting", Map.of("label", label))
                .get("id");
        String second = (String) http.start(TestTokens.CI, "test.counting", Map.of("label", label))
                .get("id");
        http.awaitState(first, WAIT, "SUCCEEDED");
        http.awaitState(second, WAIT, "SUCCEEDED");

        RunsHttp.Response r = http.get("/api/v1/runs?kind=test.counting&state=succeeded&limit=2", TestTokens.READER);

        assertThat(r.status()).isEqualTo(200);
        List<Map<String, Object>> runs = r.jsonList();
        assertThat(runs).extracting(m -> m.get("id")).containsExactly(second, first);
        assertThat(http.get("/api/v1/runs?kind=test.echo&state=RUNNING", TestTokens.READER)
                        .jsonList())
                .isEmpty();
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyGetsTheSameRun() {
        String key = "ci-build-" + UUID.randomUUID();
        String body = RunsHttp.json(Map.of("kind", "test.counting", "parameters", Map.of("label", "retry")));
        int before = count();

        RunsHttp.Response first = http.post("/api/v1/runs", TestTokens.CI, body, "Idempotency-Key", key);
        RunsHttp.Response retry = http.post("/api/v1/runs", TestTokens.CI, body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(count()).isEqualTo(before + 1);
        http.awaitState((String) first.json().get("id"), WAIT, "SUCCEEDED");
    }

    @Test
    void theSameIdempotencyKeyWithAnotherRequestIs422AndStoresNothing() {
        String key = "ci-build-" + UUID.randomUUID();
        String id = (String) http.post(
                        "/api/v1/runs",
                        TestTokens.CI,
                        RunsHttp.json(Map.of("kind", "test.counting", "parameters", Map.of("label", "a"))),
                        "Idempotency-Key",
                        key)
                .json()
                .get("id");
        int before = count();

        RunsHttp.Response otherBody = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(Map.of("kind", "test.counting", "parameters", Map.of("label", "b"))),
                "Idempotency-Key",
                key);
        RunsHttp.Response otherPrincipal = http.post(
                "/api/v1/runs",
                TestTokens.RELEASE_MANAGER_1,
                RunsHttp.json(Map.of("kind", "test.counting", "parameters", Map.of("label", "a"))),
                "Idempotency-Key",
                key);

        for (RunsHttp.Response r : List.of(otherBody, otherPrincipal)) {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json())
                    .containsEntry("type", "https://releasekit.io/problems/idempotency-key-reused")
                    .containsEntry("status", 422);
            assertThat((String) r.json().get("detail")).contains(key, id);
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aDryRunPlansItsWritesAndWritesNothing() {
        RunsHttp.Response r = http.post(
                "/api/v1/runs",
                TestTokens.CI,
                RunsHttp.json(Map.of("kind", "test.counting", "parameters", Map.of(), "dryRun", true)));
        String id = (String) r.json().get("id");

        Map<String, Object> done = http.awaitState(id, WAIT, "SUCCEEDED", "FAILED");

        assertThat(done).containsEntry("state", "SUCCEEDED").containsEntry("dryRun", true);
        assertThat(RunsHttp.steps(done).get("second").get("planned")).isEqualTo(List.of("write second"));
        assertThat(SideEffects.writes(id, "first")).isEmpty();
    }

    @Test
    void cancelsARunningRunWhoseStepWaitsAndTheRestNeverRuns() throws Exception {
        String gate = "cancel-" + UUID.randomUUID();
        String id = (String)
                http.start(TestTokens.CI, "test.blocking", Map.of("gate", gate)).get("id");
        assertThat(Gates.gate(gate).awaitArrival(WAIT)).isTrue();

        RunsHttp.Response cancel = http.post("/api/v1/runs/" + id + "/cancel", TestTokens.CI, "");

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json()).containsEntry("state", "CANCELLED");
        assertThat((String) cancel.json().get("reason")).contains(TestTokens.CI_NAME);
        Map<String, Object> run = http.awaitState(id, WAIT, "CANCELLED");
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> "FAILED"
                .equals(RunsHttp.steps(http.get("/api/v1/runs/" + id, TestTokens.READER)
                                .json())
                        .get("block")
                        .get("state")));
        run = http.get("/api/v1/runs/" + id, TestTokens.READER).json();
        assertThat((String) RunsHttp.steps(run).get("block").get("summary")).contains("interrupted");
        assertThat(RunsHttp.steps(run).get("after")).containsEntry("state", "PENDING");
        assertThat(SideEffects.writes(id, "after")).isEmpty();

        RunsHttp.Response again = http.post("/api/v1/runs/" + id + "/cancel", TestTokens.CI, "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json()).containsEntry("type", "https://releasekit.io/problems/conflict");
    }

    @Test
    void schedulesAQueuedRunWhoseDispatchWasLost() {
        // as if the database had refused the execution when the run was started: stored, never scheduled
        Instant now = Instant.now();
        Run lost = store.create(new Run(
                UUID.randomUUID().toString(),
                "test.counting",
                RunParameters.empty(),
                false,
                TestTokens.CI_NAME,
                null,
                "no-idempotency-key",
                RunState.QUEUED,
                ApprovalPolicy.none(),
                List.of(),
                Stream.of("first", "second", "third").map(StepRecord::pending).toList(),
                null,
                now,
                now,
                0));

        assertThat(http.awaitState(lost.id(), WAIT, "SUCCEEDED", "FAILED")).containsEntry("state", "SUCCEEDED");
        assertThat(SideEffects.writes(lost.id(), "third")).hasSize(1);
    }

    private int count() {
        return store.list(new RunQuery(Optional.empty(), Optional.empty(), 1000))
                .size();
    }
}
