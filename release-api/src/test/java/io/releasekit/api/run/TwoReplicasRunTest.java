package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import io.releasekit.api.testkit.PostgresContainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two replicas of the service on one PostgreSQL database: runs started on either execute on one replica at a time,
 * and no step ever executes twice.
 */
class TwoReplicasRunTest {

    private static final Logger LOG = LoggerFactory.getLogger(TwoReplicasRunTest.class);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> STEPS = List.of("first", "second", "third");

    private static EmbeddedServer a;
    private static EmbeddedServer b;

    @BeforeAll
    static void startReplicas() {
        PostgresContainer pg = PostgresContainer.shared();
        a = replica("replica-a", pg);
        b = replica("replica-b", pg);
    }

    @AfterAll
    static void stopReplicas() {
        for (EmbeddedServer s : new EmbeddedServer[] {a, b}) {
            if (s != null) {
                s.getApplicationContext().close();
            }
        }
    }

    @Test
    void twentyRunsStartedOnTwoReplicasAllCompleteAndNoStepRunsTwice() throws Exception {
        String label = "two-replicas-" + UUID.randomUUID();
        ExecutorService clients = Executors.newFixedThreadPool(20);
        long t0 = System.nanoTime();
        List<String> ids = new ArrayList<>();
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                RunsHttp via = new RunsHttp((i % 2 == 0 ? a : b).getURI());
                starts.add(() -> (String) via.start(TestTokens.CI, "test.counting", Map.of("label", label))
                        .get("id"));
            }
            for (Future<String> f : clients.invokeAll(starts)) {
                ids.add(f.get());
            }
        } finally {
            clients.shutdown();
        }

        Map<String, Map<String, Object>> done = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            // read each run from the other replica than the one it was started on
            RunsHttp reader = new RunsHttp((i % 2 == 0 ? b : a).getURI());
            done.put(ids.get(i), reader.awaitState(ids.get(i), WAIT, "SUCCEEDED", "FAILED"));
        }
        long took = System.nanoTime() - t0;

        assertThat(ids).doesNotHaveDuplicates().hasSize(20);
        done.forEach((id, run) -> {
            assertThat(run.get("state")).as("run %s", id).isEqualTo("SUCCEEDED");
            RunsHttp.steps(run)
                    .forEach((step, record) ->
                            assertThat(record).as("step %s of run %s", step, id).containsEntry("attempts", 1));
            for (String step : STEPS) {
                assertThat(SideEffects.writes(id, step))
                        .as("writes of %s/%s", id, step)
                        .hasSize(1);
            }
        });
        Map<String, Long> byReplica = ids.stream()
                .flatMap(id ->
                        STEPS.stream().map(step -> SideEffects.writes(id, step).get(0)))
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        LOG.info(
                "20 runs x 3 steps on two replicas in {} ms; steps executed per replica: {}",
                took / 1_000_000,
                byReplica);
    }

    @Test
    void aReplicaStreamsTheEventsOfARunTheOtherExecutes() throws Exception {
        String gate = "two-replicas-sse-" + UUID.randomUUID();
        String id = (String) new RunsHttp(a.getURI())
                .start(TestTokens.CI, "test.blocking", Map.of("gate", gate))
                .get("id");
        assertThat(Gates.gate(gate).awaitArrival(WAIT)).isTrue();
        SseReader.Stream_ onA =
                SseReader.open(a.getURI().resolve("/api/v1/runs/" + id + "/events"), TestTokens.READER, null);
        SseReader.Stream_ onB =
                SseReader.open(b.getURI().resolve("/api/v1/runs/" + id + "/events"), TestTokens.READER, null);

        Gates.gate(gate).open();

        List<SseReader.SseEvent> fromA = onA.awaitEnd(WAIT);
        List<SseReader.SseEvent> fromB = onB.awaitEnd(WAIT);
        assertThat(fromB).isEqualTo(fromA);
        assertThat(fromB)
                .extracting(SseReader.SseEvent::id)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    private static EmbeddedServer replica(String name, PostgresContainer pg) {
        Map<String, Object> props = new HashMap<>(pg.datasourceProperties());
        props.put("releasekit.scheduler.name", name);
        props.put("releasekit.scheduler.polling-interval", "100ms");
        props.put("releasekit.scheduler.heartbeat-interval", "200ms");
        props.put("releasekit.scheduler.missed-heartbeats-limit", "4");
        props.put("releasekit.scheduler.shutdown-max-wait", "500ms");
        props.put("releasekit.runs.follow-poll-interval", "100ms");
        return ApplicationContext.run(EmbeddedServer.class, props, "test");
    }
}
