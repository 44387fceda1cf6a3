package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application stops while a run's step executes; a new application on the same database (an H2 file) finishes
 * the run, and every write happened exactly once.
 */
class RunResumeTest {

    private static final Logger LOG = LoggerFactory.getLogger(RunResumeTest.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void resumesARunAfterTheApplicationStoppedInTheMiddleOfAStep() throws Exception {
        String gate = "resume-" + UUID.randomUUID();
        EmbeddedServer first = start();
        String id = (String) new RunsHttp(first.getURI())
                .start(TestTokens.CI, "test.blocking", Map.of("gate", gate))
                .get("id");
        assertThat(Gates.gate(gate).awaitArrival(WAIT)).isTrue();

        long t0 = System.nanoTime();
        first.getApplicationContext().close();
        long stopped = System.nanoTime();
        EmbeddedServer second = start();
        long restarted = System.nanoTime();
        try {
            Map<String, Object> run = new RunsHttp(second.getURI()).awaitState(id, WAIT, "SUCCEEDED", "FAILED");
            long resumed = System.nanoTime();
            LOG.info(
                    "stop with a step in flight {} ms, restart {} ms, run finished {} ms after the restart",
                    ms(stopped - t0),
                    ms(restarted - stopped),
                    ms(resumed - restarted));

            assertThat(run.get("state")).isEqualTo("SUCCEEDED");
            assertWrittenOnce(id, "before", "block", "after");
            Map<String, Map<String, Object>> steps = RunsHttp.steps(run);
            assertThat(steps.get("before")).containsEntry("attempts", 1);
            assertThat(steps.get("block"))
                    .as("interrupted by the stop, executed again after the restart")
                    .containsEntry("attempts", 2);
            assertThat(steps.get("after")).containsEntry("attempts", 1);
            assertThat(Gates.gate(gate).arrivals()).isEqualTo(2);
        } finally {
            second.getApplicationContext().close();
        }
    }

    @Test
    void resumesARunWhoseApplicationDiedWithoutHandingItOver() throws Exception {
        // The step ignores interrupts: the stopping application cannot hand the run over and leaves its execution
        // claimed, as a crashed or frozen replica would. The scheduler's dead-execution detection takes it over.
        String gate = "crash-" + UUID.randomUUID();
        Gates.Gate stuck = Gates.stubbornGate(gate);
        EmbeddedServer first = start();
        String id = (String) new RunsHttp(first.getURI())
                .start(TestTokens.CI, "test.blocking", Map.of("gate", gate, "stubborn", true))
                .get("id");
        assertThat(stuck.awaitArrival(WAIT)).isTrue();
        first.getApplicationContext().close();

        long restart = System.nanoTime();
        EmbeddedServer second = start();
        try {
            Map<String, Object> run = new RunsHttp(second.getURI()).awaitState(id, WAIT, "SUCCEEDED", "FAILED");
            LOG.info(
                    "a dead replica's run taken over and finished {} ms after the restart",
                    ms(System.nanoTime() - restart));

            assertThat(run.get("state")).isEqualTo("SUCCEEDED");
            assertWrittenOnce(id, "before", "block", "after");
            assertThat(RunsHttp.steps(run).get("block")).containsEntry("attempts", 2);
        } finally {
            // the first application's step wakes up, finds the write done and records nothing (its engine is gone)
            stuck.open();
            second.getApplicationContext().close();
        }
        assertWrittenOnce(id, "block");
    }

    private EmbeddedServer start() {
        String url = "jdbc:h2:file:" + dataDir.resolve("releasekit")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
        return ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "datasources.default.url", url,
                        "releasekit.data-dir", dataDir.toString(),
                        "releasekit.scheduler.polling-interval", "100ms",
                        "releasekit.scheduler.heartbeat-interval", "200ms",
                        "releasekit.scheduler.missed-heartbeats-limit", "4",
                        "releasekit.scheduler.shutdown-max-wait", "500ms",
                        "releasekit.runs.shutdown-grace", "300ms"),
                "test");
    }

    private static void assertWrittenOnce(String runId, String... steps) {
        for (String step : steps) {
            assertThat(SideEffects.writes(runId, step))
                    .as("writes of step %s", step)
                    .hasSize(1);
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
