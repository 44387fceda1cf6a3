package io.releasekit.core.run;

import static io.releasekit.core.run.ScriptedProcess.writing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunIdempotencyTest {

    private final ServiceGuards guards = ServiceGuards.withDefaults();
    private final Ledger ledger = new Ledger();
    private final RunEngine engine = RunEngine.builder()
            .guards(guards)
            .replayInterval(Duration.ZERO)
            .define(ScriptedProcess.of("git.tag", writing("tag", ledger::write))
                    .withParameters(ParameterSpec.builder()
                            .string("tag", true, "tag")
                            .integer("depth", false, "history depth")
                            .strings("labels", false, "labels")
                            .build()))
            .build();

    @AfterEach
    void close() {
        engine.close();
        guards.close();
    }

    private static RunRequest tag(Map<String, ?> params) {
        return RunRequest.of("git.tag", params, "ci-bot").withIdempotencyKey("key-1");
    }

    @Test
    void aRetriedRequestWithTheSameKeyReturnsTheFirstRun() {
        Run first = engine.start(tag(Map.of("tag", "v1.0.0")));
        Run again = engine.start(tag(Map.of("tag", "v1.0.0")));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(engine.list(RunQuery.all())).hasSize(1);
        engine.awaitEnd(first.id(), Duration.ofSeconds(10));
        assertThat(ledger.executions(first.id() + ":tag")).isEqualTo(1);
    }

    @Test
    void theSameRequestMatchesWhateverTheKeyOrderAndNumberType() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("tag", "v1.0.0");
        a.put("depth", 3);
        a.put("labels", List.of("x", "y"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("labels", List.of("x", "y"));
        b.put("depth", 3L);
        b.put("tag", "v1.0.0");

        assertThat(engine.start(tag(b)).id()).isEqualTo(engine.start(tag(a)).id());
    }

    @Test
    void reusingAKeyWithADifferentRequestIsRefusedAndLeavesTheFirstRunAlone() {
        Run first = engine.start(tag(Map.of("tag", "v1.0.0")));

        assertThatThrownBy(() -> engine.start(tag(Map.of("tag", "v2.0.0"))))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("idempotency-key-reused");
                    assertThat(e.existingRunId()).isEqualTo(first.id());
                    assertThat(e.getMessage())
                            .isEqualTo("idempotency key 'key-1' already started run '" + first.id()
                                    + "' with a different request (kind, parameters or dry-run differ)");
                });
        assertThatThrownBy(() -> engine.start(tag(Map.of("tag", "v1.0.0")).withDryRun(true)))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() ->
                        engine.start(new RunRequest("git.tag", Map.of("tag", "v1.0.0"), false, "mallory", "key-1")))
                .isInstanceOf(IdempotencyKeyReusedException.class)
                .hasMessageContaining("for another principal");
        assertThat(engine.list(RunQuery.all())).hasSize(1);
    }

    @Test
    void requestsWithoutAKeyAlwaysStartNewRuns() {
        Run a = engine.start(RunRequest.of("git.tag", Map.of("tag", "v1.0.0"), "ci-bot"));
        Run b = engine.start(RunRequest.of("git.tag", Map.of("tag", "v1.0.0"), "ci-bot"));

        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void concurrentRequestsWithTheSameKeyStartOneRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> engine.start(tag(Map.of("tag", "v1.0.0"))).id());
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : pool.invokeAll(calls)) {
            ids.add(f.get());
        }
        pool.shutdown();

        assertThat(ids).containsOnly(ids.get(0));
        assertThat(engine.list(RunQuery.all())).hasSize(1);
        engine.awaitEnd(ids.get(0), Duration.ofSeconds(10));
        assertThat(ledger.executions(ids.get(0) + ":tag")).isEqualTo(1);
    }

    @Test
    void refusesAMalformedKey() {
        assertThatThrownBy(() -> tag(Map.of()).withIdempotencyKey("has space"))
                .hasMessageContaining("idempotency key must be 1 to 255 visible ASCII characters");
    }
}
