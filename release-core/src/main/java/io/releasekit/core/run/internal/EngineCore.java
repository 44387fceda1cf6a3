package io.releasekit.core.run.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.RunStore;
import io.releasekit.core.service.ServiceGuards;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What every part of the engine shares: the store, the guards, the clock, the definitions, the event hub, the in-flight
 * steps, and the shutdown flags. Also the one way runs are changed: {@link #mutate} (compare-and-set with re-reads).
 */
public final class EngineCore {

    private static final int MAX_CAS_ATTEMPTS = 100;

    private final RunStore store;
    private final ServiceGuards guards;
    private final Clock clock;
    private final Definitions definitions;
    private final EventHub events;
    private final InFlight inFlight = new InFlight();
    private final Duration progressInterval;
    private final Protection protection;
    private volatile boolean stopping;
    private volatile boolean dead;

    /** Creates the shared state. */
    public EngineCore(
            RunStore store, ServiceGuards guards, Clock clock, Definitions definitions, Duration progressInterval) {
        this(store, guards, clock, definitions, progressInterval, null);
    }

    /** Creates the shared state of an engine that plans real runs and derives their approvals with {@code protection}. */
    public EngineCore(
            RunStore store,
            ServiceGuards guards,
            Clock clock,
            Definitions definitions,
            Duration progressInterval,
            Protection protection) {
        this.protection = protection;
        this.store = store;
        this.guards = guards;
        this.clock = clock;
        this.definitions = definitions;
        this.events = new EventHub(store);
        this.progressInterval = progressInterval;
    }

    /** The run store. */
    public RunStore store() {
        return store;
    }

    /** The protection real runs are planned and approved under, if the engine has one. */
    public Optional<Protection> protection() {
        return Optional.ofNullable(protection);
    }

    /** The service guards. */
    public ServiceGuards guards() {
        return guards;
    }

    /** The registered process definitions. */
    public Definitions definitions() {
        return definitions;
    }

    /** The event hub. */
    public EventHub events() {
        return events;
    }

    /** Steps executing right now on this engine. */
    public InFlight inFlight() {
        return inFlight;
    }

    /** Minimum time between two progress events of one step. */
    public Duration progressInterval() {
        return progressInterval;
    }

    /** The current time from the engine's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** Whether the engine is shutting down: no new step starts, finishing steps are still recorded. */
    public boolean stopping() {
        return stopping;
    }

    /** Whether the engine is gone: nothing more is recorded, as if the process had died. */
    public boolean dead() {
        return dead;
    }

    /** Marks the engine as shutting down. */
    public void stop() {
        stopping = true;
    }

    /** Marks the engine as gone. */
    public void kill() {
        stopping = true;
        dead = true;
    }

    /** A run by id. */
    public Run load(String runId) {
        return store.find(runId).orElseThrow(() -> new NotFoundException("run '" + runId + "' does not exist"));
    }

    /**
     * Applies {@code change} to the latest stored version of a run and stores the result with a compare-and-set,
     * re-reading and re-applying on a version conflict. {@code change} sees the fresh run every time and returns
     * {@code null} to give up (the precondition it checks no longer holds); it may also throw to refuse.
     *
     * @return the stored run, or empty when {@code change} gave up
     */
    public Optional<Run> mutate(String runId, UnaryOperator<Run> change) {
        return mutate(runId, change, next -> List.of());
    }

    /**
     * Like {@link #mutate(String, UnaryOperator)}, and stores the events {@code announce} makes for the changed run in
     * the same atomic write ({@link RunStore#update(Run, List)}): a crash leaves both or neither. {@code announce} sees
     * the changed run (before its version is incremented) after {@code change} ran, on every attempt.
     *
     * @return the stored run, or empty when {@code change} gave up
     */
    public Optional<Run> mutate(String runId, UnaryOperator<Run> change, Function<Run, List<RunEvent>> announce) {
        for (int attempt = 1; ; attempt++) {
            Run current = load(runId);
            Run next = change.apply(current);
            if (next == null) {
                return Optional.empty();
            }
            try {
                List<RunEvent> announced = announce.apply(next);
                return Optional.of(
                        announced.isEmpty()
                                ? store.update(next)
                                : events.update(next, announced).run());
            } catch (ConflictException e) {
                if (attempt >= MAX_CAS_ATTEMPTS) {
                    throw new ConflictException(
                            "run '" + runId + "' kept changing; gave up after " + attempt + " attempts", e);
                }
            }
        }
    }

    /**
     * Moves a run from one of {@code from} to {@code to} and emits {@code RUN_STATE_CHANGED}.
     *
     * @param extra more event data (e.g. {@code by}), or empty
     * @return the stored run, or empty when the run was in none of {@code from}
     */
    public Optional<Run> transition(
            String runId, Set<RunState> from, RunState to, String reason, Map<String, String> extra) {
        AtomicReference<RunState> previous = new AtomicReference<>();
        return mutate(
                runId,
                run -> {
                    if (!from.contains(run.state())) {
                        return null;
                    }
                    previous.set(run.state());
                    return run.withState(to, reason, now());
                },
                next -> List.of(stateChange(next, previous.get(), extra)));
    }

    /** The {@code RUN_STATE_CHANGED} event of a run in its new state, to store with the change. */
    public RunEvent stateChange(Run run, RunState from, Map<String, String> extra) {
        Map<String, String> data = new LinkedHashMap<>();
        if (from != null) {
            data.put("from", from.name());
        }
        data.put("state", run.state().name());
        if (run.reason() != null) {
            data.put("reason", run.reason());
        }
        data.putAll(extra);
        return event(run.id(), RunEvent.Type.RUN_STATE_CHANGED, null, data);
    }

    /** An event stamped now, to store with a change. */
    public RunEvent event(String runId, RunEvent.Type type, String step, Map<String, String> data) {
        return RunEvent.of(runId, type, step, now(), data);
    }

    /** Stores an event and delivers it to listeners. */
    public RunEvent emit(String runId, RunEvent.Type type, String step, Map<String, String> data) {
        return events.emit(event(runId, type, step, data));
    }
}
