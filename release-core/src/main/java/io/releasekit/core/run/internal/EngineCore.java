package io.releasekit.core.run.internal;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.fence.ClaimLostException;
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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of the engine shares: the store, the guards, the clock, the definitions, the event hub, the in-flight
 * steps, and the shutdown flags. Also the one way runs are changed: {@link #mutate} (compare-and-set with re-reads).
 */
public final class EngineCore {

    private static final Logger log = LoggerFactory.getLogger(EngineCore.class);
    private static final int MAX_CAS_ATTEMPTS = 100;

    private final RunStore store;
    private final ServiceGuards guards;
    private final Clock clock;
    private final Definitions definitions;
    private final EventHub events;
    private final InFlight inFlight = new InFlight();
    private final Duration progressInterval;
    private final Protection protection;
    private final Duration storeOutageLimit;
    private volatile boolean stopping;
    private volatile boolean dead;

    /** Creates the shared state. */
    public EngineCore(
            RunStore store, ServiceGuards guards, Clock clock, Definitions definitions, Duration progressInterval) {
        this(store, guards, clock, definitions, progressInterval, Duration.ofMinutes(2), null);
    }

    /**
     * Creates the shared state: how long a step's result may wait for an unavailable store, and the protection real
     * runs are planned and approved under (null: none).
     */
    public EngineCore(
            RunStore store,
            ServiceGuards guards,
            Clock clock,
            Definitions definitions,
            Duration progressInterval,
            Duration storeOutageLimit,
            Protection protection) {
        this.storeOutageLimit = storeOutageLimit;
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
        return mutate(load(runId), true, change, announce);
    }

    /** Like {@link #mutate(Run, UnaryOperator, Function)}, without events. */
    public Optional<Run> mutate(Run seen, UnaryOperator<Run> change) {
        return mutate(seen, change, next -> List.of());
    }

    /**
     * Like {@link #mutate(String, UnaryOperator, Function)}, starting from a run this engine has just read or written
     * instead of reading it again: one store round trip less per change on the path a step takes. When {@code seen} is
     * stale, the compare-and-set refuses it and the run is read again, as on any conflict; when {@code change} gives
     * up on {@code seen}, it is asked again with the stored run before giving up, so the outcome is the one a fresh
     * read would have given.
     *
     * @return the stored run, or empty when {@code change} gave up
     */
    public Optional<Run> mutate(Run seen, UnaryOperator<Run> change, Function<Run, List<RunEvent>> announce) {
        return mutate(seen, false, change, announce);
    }

    private Optional<Run> mutate(
            Run seen, boolean fresh, UnaryOperator<Run> change, Function<Run, List<RunEvent>> announce) {
        String runId = seen.id();
        Run current = seen;
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                current = load(runId);
                fresh = true;
            }
            Run next = change.apply(current);
            if (next == null) {
                if (!fresh) {
                    continue; // gave up on what this engine saw: ask again with the stored run
                }
                return Optional.empty();
            }
            try {
                List<RunEvent> announced = announce.apply(next);
                return Optional.of(
                        announced.isEmpty()
                                ? store.update(next)
                                : events.update(next, announced).run());
            } catch (ClaimLostException e) {
                throw e; // another executor holds the run now: re-reading cannot help
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

    /**
     * Stores an event that only reports progress; when the store is unavailable (a database outage) the event is
     * dropped instead of failing the step that reports it.
     */
    public void emitBestEffort(String runId, RunEvent.Type type, String step, Map<String, String> data) {
        try {
            emit(runId, type, step, data);
        } catch (ServiceUnavailableException e) {
            log.debug("{} event of run {} dropped: the run store is unavailable: {}", type, runId, e.getMessage());
        }
    }

    /**
     * Calls the store through {@code call}, and while it answers with a {@link ServiceUnavailableException} (e.g. a
     * database outage) waits and calls again: the caller pauses until the store is back, at most {@link
     * #storeOutageLimit()}, unless the engine dies meanwhile.
     *
     * @throws StoreOutageException when the store stayed unavailable longer than the limit
     * @throws ServiceUnavailableException when the engine is shutting down meanwhile
     */
    public <T> T durably(Supplier<T> call) {
        long start = System.nanoTime();
        long pause = 100;
        while (true) {
            try {
                return call.get();
            } catch (ServiceUnavailableException e) {
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (stopping) {
                    throw e;
                }
                if (waited.compareTo(storeOutageLimit) > 0) {
                    throw new StoreOutageException(waited, storeOutageLimit, e);
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 1000);
            }
        }
    }

    /** How long a step's result waits for an unavailable store before the run fails. */
    public Duration storeOutageLimit() {
        return storeOutageLimit;
    }

    /** The run store stayed unavailable for longer than the engine's limit. */
    public static final class StoreOutageException extends ServiceUnavailableException {
        StoreOutageException(Duration waited, Duration limit, ServiceUnavailableException cause) {
            super(
                    cause.service(),
                    "the run store (" + cause.service() + ") was unavailable for " + waited.toSeconds()
                            + " s, longer than the limit of " + limit.toSeconds() + " s: " + cause.getMessage(),
                    cause);
        }
    }

    /** Stores an event and delivers it to listeners. */
    public RunEvent emit(String runId, RunEvent.Type type, String step, Map<String, String> data) {
        return events.emit(event(runId, type, step, data));
    }
}
