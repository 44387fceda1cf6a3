package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.releasekit.api.TestTokens;
import io.releasekit.api.testkit.PostgresContainer;
import io.releasekit.api.testkit.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the service acknowledged survives {@code kill -9} right after the acknowledgement, on the embedded H2 default
 * and on PostgreSQL: 50 trials per database, each killing the service process at once after a {@code 202} for {@code
 * POST /runs} or a {@code 200} for an approval (alternately the last acknowledgement before the kill), then restarting
 * it and finding every acknowledged run and approval. And a clean {@code SIGTERM} with a step in flight hands the step
 * back with one log line.
 */
class AcknowledgedWritesSurviveKillTest {

    private static final Logger LOG = LoggerFactory.getLogger(AcknowledgedWritesSurviveKillTest.class);
    private static final int TRIALS = 50;

    @Test
    void nothingAcknowledgedIsLostOnTheEmbeddedH2Default() throws Exception {
        Path work = fresh("kill-h2");
        trials("h2", work, "releasekit:\n  data-dir: " + work.resolve("data") + "\n" + ServiceProcess.TOKENS_YAML);
    }

    @Test
    void nothingAcknowledgedIsLostOnPostgresql() throws Exception {
        PostgresContainer pg = PostgresContainer.shared();
        String url = pg.freshDatabase("acked");
        Path work = fresh("kill-pg");
        trials(
                "postgresql",
                work,
                "releasekit:\n  data-dir: " + work.resolve("data") + "\n" + ServiceProcess.TOKENS_YAML
                        + "datasources:\n  default:\n    url: " + url + "\n    username: " + pg.username()
                        + "\n    password: " + pg.password() + "\n");
    }

    @Test
    void aCleanStopWithAStepInFlightHandsTheStepBackWithOneLine() throws Exception {
        Path work = fresh("sigterm-h2");
        Path drills = Files.createDirectories(work.resolve("drills"));
        String config = "releasekit:\n  data-dir: " + work.resolve("data") + "\n" + ServiceProcess.TOKENS_YAML
                + "  stores:\n    dst:\n      type: fs\n      path: " + work.resolve("dst") + "\n"
                + "  drill:\n    dir: " + drills + "\n";
        ServiceProcess first = ServiceProcess.start("sigterm-1", work, config, Map.of());
        String id;
        String logBefore;
        try {
            id = (String) new RunsHttp(first.uri())
                    .start(TestTokens.CI, DrillProcesses.KIND, Map.of("store", "dst", "objects", 2))
                    .get("id");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(drills.resolve(id + ".waiting.local")));
            logBefore = first.log();
            assertThat(first.terminate()).as("exit code after SIGTERM").isIn(0, 143);
        } finally {
            first.close();
        }
        List<String> shutdown =
                first.log().substring(logBefore.length()).lines().toList();
        assertThat(shutdown).as("logged after SIGTERM").noneMatch(l -> l.contains("Database is already closed"));
        assertThat(shutdown).as("errors after SIGTERM").noneMatch(l -> l.contains(" ERROR "));
        assertThat(shutdown.stream().filter(l -> l.contains(id)))
                .as("lines about the run in flight")
                .singleElement()
                .satisfies(l -> assertThat(l).contains("handed back"));

        Files.writeString(drills.resolve("go"), "");
        ServiceProcess second = ServiceProcess.start("sigterm-2", work, config, Map.of());
        try {
            Map<String, Object> run =
                    new RunsHttp(second.uri()).awaitState(id, Duration.ofSeconds(60), "SUCCEEDED", "FAILED");
            assertThat(run.get("state")).isEqualTo("SUCCEEDED");
            assertThat(RunsHttp.steps(run).get("write")).containsEntry("attempts", 2);
        } finally {
            second.close();
        }
    }

    private static void trials(String database, Path work, String config) {
        List<String> runs = new ArrayList<>();
        List<String[]> approvals = new ArrayList<>(); // run id, approver name
        long restartNanos = 0;
        ServiceProcess s = ServiceProcess.start(database + "-0", work, config, Map.of());
        try {
            for (int i = 0; i < TRIALS; i++) {
                RunsHttp http = new RunsHttp(s.uri());
                if (i % 2 == 0) {
                    // the approval is the last acknowledgement before the kill
                    runs.add(start(http));
                    approve(http, runs.get(runs.size() - 1), TestTokens.RELEASE_MANAGER_1);
                    approvals.add(new String[] {runs.get(runs.size() - 1), TestTokens.RELEASE_MANAGER_1_NAME});
                } else {
                    // the run is the last acknowledgement before the kill
                    approve(http, runs.get(runs.size() - 1), TestTokens.RELEASE_MANAGER_2);
                    approvals.add(new String[] {runs.get(runs.size() - 1), TestTokens.RELEASE_MANAGER_2_NAME});
                    runs.add(start(http));
                }
                s.kill();
                long t0 = System.nanoTime();
                s = ServiceProcess.start(database + "-" + (i + 1), work, config, Map.of());
                restartNanos += System.nanoTime() - t0;
                assertAcknowledgedFound(
                        new RunsHttp(s.uri()),
                        runs.subList(runs.size() - 1, runs.size()),
                        approvals.subList(approvals.size() - 1, approvals.size()));
            }
            assertAcknowledgedFound(new RunsHttp(s.uri()), runs, approvals);
        } finally {
            s.close();
        }
        LOG.info(
                "{}: {} kill -9 trials right after an acknowledgement: {} runs and {} approvals acknowledged, all found"
                        + " after restarts (restart {} ms on average)",
                database,
                TRIALS,
                runs.size(),
                approvals.size(),
                restartNanos / TRIALS / 1_000_000);
    }

    private static String start(RunsHttp http) {
        RunsHttp.Response r = http.post(
                "/api/v1/runs", TestTokens.CI, RunsHttp.json(Map.of("kind", "test.approval", "parameters", Map.of())));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return (String) r.json().get("id");
    }

    private static void approve(RunsHttp http, String runId, String token) {
        RunsHttp.Response r = http.post("/api/v1/runs/" + runId + "/approvals", token, "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static void assertAcknowledgedFound(RunsHttp http, List<String> runs, List<String[]> approvals) {
        for (String id : runs) {
            assertThat(http.get("/api/v1/runs/" + id, TestTokens.READER).status())
                    .as("acknowledged run %s", id)
                    .isEqualTo(200);
        }
        for (String[] a : approvals) {
            Map<String, Object> run =
                    http.get("/api/v1/runs/" + a[0], TestTokens.READER).json();
            assertThat((List<Map<String, Object>>) run.get("approvals"))
                    .as("acknowledged approval of %s by %s", a[0], a[1])
                    .anySatisfy(x -> assertThat(x).containsEntry("principal", a[1]));
        }
    }

    private static Path fresh(String name) throws IOException {
        Path dir = Path.of("target", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
