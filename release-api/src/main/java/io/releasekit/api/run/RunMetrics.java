package io.releasekit.api.run;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.Subscription;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the runs of this replica do to Micrometer (and so to {@code /prometheus}):
 *
 * <ul>
 *   <li>{@code releasekit.runs{kind,state}} ({@code releasekit_runs_total}) — counter of runs entering a state;
 *   <li>{@code releasekit.step.duration{outcome}} ({@code releasekit_step_duration_seconds}) — histogram of the
 *       time from a step's start to its end, by outcome ({@code succeeded}, {@code skipped}, {@code failed},
 *       {@code deferred});
 *   <li>{@code releasekit.published.objects{kind}} and {@code releasekit.published.bytes{kind}} — counters of the
 *       objects and bytes steps reported as done in their progress (artifacts published or promoted, image blobs).
 * </ul>
 *
 * Every series exists from the start (zero), for every registered run kind, so a fresh service already lists them.
 * The engine calls listeners on its own threads and they must not block: events are handed to one thread of this
 * class, which looks up a run's kind from the engine at most once per run.
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class RunMetrics {

    /** Name of the run-state counter. */
    public static final String RUNS = "releasekit.runs";
    /** Name of the step-duration histogram. */
    public static final String STEP_DURATION = "releasekit.step.duration";
    /** Name of the published-objects counter. */
    public static final String OBJECTS = "releasekit.published.objects";
    /** Name of the published-bytes counter. */
    public static final String BYTES = "releasekit.published.bytes";

    private static final Logger LOG = LoggerFactory.getLogger(RunMetrics.class);
    private static final String[] OUTCOMES = {"succeeded", "skipped", "failed", "deferred"};
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(10),
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        Duration.ofMinutes(10),
        Duration.ofHours(1)
    };

    private final MeterRegistry registry;
    private final RunEngine engine;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "releasekit-run-metrics");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, String> kinds = new ConcurrentHashMap<>();
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, long[]> progress = new ConcurrentHashMap<>();
    private volatile Subscription subscription;

    RunMetrics(MeterRegistry registry, RunEngine engine) {
        this.registry = registry;
        this.engine = engine;
    }

    /**
     * Registers every series and subscribes to the engine once the context has started (not as a context bean: the
     * engine opens the database, which must wait for the start-up checks of the data directory and the tokens).
     */
    @EventListener
    void onStartup(StartupEvent event) {
        for (ProcessDefinition d : engine.kinds()) {
            for (RunState state : RunState.values()) {
                runs(d.kind(), state);
            }
            objects(d.kind());
            bytes(d.kind());
        }
        for (String outcome : OUTCOMES) {
            stepTimer(outcome);
        }
        subscription = engine.subscribeAll(e -> worker.execute(() -> record(e)));
    }

    private void record(RunEvent e) {
        try {
            switch (e.type()) {
                case RUN_STATE_CHANGED -> stateChanged(e);
                case STEP_STARTED -> started.put(key(e), e.at());
                case STEP_PROGRESS -> progressed(e);
                case STEP_FINISHED -> ended(e, "SKIPPED".equals(e.data().get("outcome")) ? "skipped" : "succeeded");
                case STEP_FAILED -> ended(e, "failed");
                case STEP_DEFERRED -> ended(e, "deferred");
                default -> {}
            }
        } catch (RuntimeException ex) {
            LOG.debug("run {}: event {} not counted: {}", e.runId(), e.sequence(), ex.toString());
        }
    }

    private void stateChanged(RunEvent e) {
        String state = e.data().get("state");
        String kind = kind(e.runId());
        if (state == null || kind == null) {
            return;
        }
        RunState s = RunState.valueOf(state);
        runs(kind, s).increment();
        if (s.terminal()) {
            kinds.remove(e.runId());
        }
    }

    private void progressed(RunEvent e) {
        long done = Long.parseLong(e.data().getOrDefault("done", "0"));
        long bytes = Long.parseLong(e.data().getOrDefault("bytes", "0"));
        long[] last = progress.put(key(e), new long[] {done, bytes});
        // a step that starts again (a new attempt) reports from zero: count its figures anew
        long objectsAdded = last == null || done < last[0] ? done : done - last[0];
        long bytesAdded = last == null || bytes < last[1] ? bytes : bytes - last[1];
        String kind = kind(e.runId());
        if (kind != null) {
            objects(kind).increment(objectsAdded);
            bytes(kind).increment(bytesAdded);
        }
    }

    private void ended(RunEvent e, String outcome) {
        progress.remove(key(e));
        Instant from = started.remove(key(e));
        if (from != null && !e.at().isBefore(from)) {
            stepTimer(outcome).record(Duration.between(from, e.at()));
        }
    }

    private String kind(String runId) {
        String kind = kinds.get(runId);
        if (kind == null) {
            kind = engine.find(runId).map(Run::kind).orElse(null);
            if (kind != null) {
                kinds.put(runId, kind);
            }
        }
        return kind;
    }

    private static String key(RunEvent e) {
        return e.runId() + '\n' + e.step();
    }

    private Counter runs(String kind, RunState state) {
        return Counter.builder(RUNS)
                .description("Runs that entered a state, by run kind")
                .tag("kind", kind)
                .tag("state", state.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Counter objects(String kind) {
        return kindCounter(
                OBJECTS, "Objects steps reported done (artifacts published or promoted, image blobs)", null, kind);
    }

    private Counter bytes(String kind) {
        return kindCounter(BYTES, "Bytes steps reported done with their objects", "bytes", kind);
    }

    private Counter kindCounter(String name, String description, String unit, String kind) {
        return Counter.builder(name)
                .description(description + ", by run kind")
                .baseUnit(unit)
                .tag("kind", kind)
                .register(registry);
    }

    private Timer stepTimer(String outcome) {
        return Timer.builder(STEP_DURATION)
                .description("Time from a step's start to its end on this replica, by outcome")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** Waits until the events handed over so far are counted (tests and shutdown). */
    void drain(Duration timeout) throws InterruptedException {
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        worker.execute(latch::countDown);
        latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        if (subscription != null) {
            subscription.close();
        }
        worker.shutdown();
    }
}
