package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.releasekit.api.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run meters at {@code /prometheus}: present before any run, then counting what runs do. */
@MicronautTest(transactional = false)
class RunMetricsApiTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    EmbeddedServer server;

    RunsHttp http;

    @BeforeEach
    void setUp() {
        http = new RunsHttp(server.getURI());
    }

    @Test
    void everyRunKindsSeriesIsListedBeforeItsFirstRun() {
        String scrape = scrape();

        assertThat(scrape)
                .containsPattern(line("releasekit_runs_total", "kind=\"test.counting\",state=\"succeeded\"", 0))
                .containsPattern(line("releasekit_runs_total", "kind=\"test.counting\",state=\"failed\"", 0))
                .containsPattern(line("releasekit_published_objects_total", "kind=\"test.counting\"", 0))
                .containsPattern(line("releasekit_published_bytes_total", "kind=\"test.counting\"", 0))
                .contains("releasekit_step_duration_seconds_count{outcome=\"failed\"}")
                .contains("releasekit_step_duration_seconds_bucket{outcome=\"succeeded\",le=\"1.0\"}");
    }

    @Test
    void countsRunStatesStepDurationsAndTheObjectsAndBytesStepsReport() {
        String id = (String) http.start(TestTokens.CI, "test.echo", Map.of("message", "hi", "repeat", 4))
                .get("id");
        http.awaitState(id, WAIT, "SUCCEEDED");

        // the meters are fed from the engine's events on their own thread
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(scrape())
                .containsPattern(line("releasekit_runs_total", "kind=\"test.echo\",state=\"queued\"", 1))
                .containsPattern(line("releasekit_runs_total", "kind=\"test.echo\",state=\"running\"", 1))
                .containsPattern(line("releasekit_runs_total", "kind=\"test.echo\",state=\"succeeded\"", 1))
                .containsPattern(line("releasekit_runs_total", "kind=\"test.echo\",state=\"failed\"", 0))
                .containsPattern(line("releasekit_published_objects_total", "kind=\"test.echo\"", 4))
                .containsPattern(line("releasekit_published_bytes_total", "kind=\"test.echo\"", 40))
                .containsPattern(line("releasekit_step_duration_seconds_count", "outcome=\"succeeded\"", 3)));
    }

    private String scrape() {
        RunsHttp.Response r = http.get("/prometheus", TestTokens.READER);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /** A Prometheus sample line with exactly these labels and value. */
    private static Pattern line(String name, String labels, long value) {
        return Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labels + "}") + " " + value + "(\\.0)?$");
    }
}
