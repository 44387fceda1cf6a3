package io.releasekit.api.run;

import io.micronaut.http.sse.Event;
import io.releasekit.api.persistence.Jdbc;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import io.releasekit.core.run.Subscription;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The events of one run as server-sent events: the stored ones after a sequence number, then the live ones, in order,
 * none twice, none skipped ({@link RunEngine#follow}). The stream completes once the run has ended and nothing more
 * happens in it for now: after its terminal {@code RUN_STATE_CHANGED}, when no step is executing any more (a cancelled
 * run's current step, its steps that run always) and every stored event was sent. A degraded run's later replays are
 * seen by reconnecting with {@code Last-Event-ID}.
 *
 * <p>While the database is unavailable the stream stays open and says so: an event named {@code paused} with data
 * {@code {"state":"paused","reason":"database unavailable"}} (no id, so {@code Last-Event-ID} is unchanged), and one
 * named {@code resumed} when the database is back; the run's steps pause meanwhile (docs/persistence.md).
 *
 * <p>While nothing is sent for {@code keepAlive}, the stream sends an SSE comment ({@code : keep-alive}, no id, no
 * data), so that proxies do not close a quiet stream; idleness is checked every quarter of {@code keepAlive}, so the
 * longest silence is 1.25 × {@code keepAlive}.
 */
final class RunEventStream {

    /** How often an idle stream checks whether its run is settled (a cancel can end a run without a later event). */
    private static final Duration TICK = Duration.ofSeconds(1);

    /** The comment sent on a quiet stream; an empty data field makes EventSource dispatch nothing. */
    static final String KEEP_ALIVE = "keep-alive";

    /** A signal to check whether the stream has been quiet for the keep-alive interval. */
    private enum Quiet {
        CHECK
    }

    private final RunEngine engine;
    private final String runId;
    private final Duration keepAlive;
    private final BooleanSupplier databaseUp;
    private final Set<String> executing = new HashSet<>();
    private boolean databaseWasUp = true;
    private boolean ended;
    private long last;
    private long lastSentNanos = System.nanoTime();

    private RunEventStream(RunEngine engine, String runId, Duration keepAlive, BooleanSupplier databaseUp) {
        this.databaseUp = databaseUp;
        this.engine = engine;
        this.runId = runId;
        this.keepAlive = keepAlive;
    }

    /**
     * Follows a run.
     *
     * @throws io.releasekit.core.NotFoundException for an unknown run, before anything is streamed
     */
    static Publisher<Event<?>> follow(
            RunEngine engine, String runId, long after, Duration keepAlive, BooleanSupplier databaseUp) {
        engine.run(runId);
        RunEventStream stream = new RunEventStream(engine, runId, keepAlive, databaseUp);
        Duration check = keepAlive.dividedBy(4).isZero() ? keepAlive : keepAlive.dividedBy(4);
        // every event from the first is observed (to know which steps execute); those up to `after` are not sent
        Flux<Object> events = Flux.create(sink -> {
            // the listener runs under the engine's event lock: only hand the event over
            Subscription s = engine.follow(runId, 0, sink::next);
            sink.onDispose(s::close);
        });
        // everything after publishOn runs on one worker at a time, so the stream's fields need no locking
        return Flux.merge(
                        events,
                        Flux.interval(TICK, TICK),
                        Flux.interval(check, check).map(t -> Quiet.CHECK))
                .publishOn(Schedulers.boundedElastic())
                .takeUntil(stream::settledAfter)
                .mapNotNull(signal -> stream.toSend(signal, after));
    }

    /** What to send for a signal: a run event after {@code after}, a keep-alive on a quiet stream, else nothing. */
    private Event<?> toSend(Object signal, long after) {
        Event<?> out = null;
        if (signal instanceof RunEvent e && e.sequence() > after) {
            out = sse(e);
        } else if (signal instanceof Long && databaseUp.getAsBoolean() != databaseWasUp) {
            databaseWasUp = !databaseWasUp;
            out = databaseWasUp
                    ? Event.of(Map.of("state", "resumed", "reason", "database available again"))
                            .name("resumed")
                    : Event.of(Map.of("state", "paused", "reason", "database unavailable"))
                            .name("paused");
        } else if (signal == Quiet.CHECK && System.nanoTime() - lastSentNanos >= keepAlive.toNanos()) {
            // data "" writes no data line: the block is only the comment, which no client dispatches as an event
            out = Event.of("").comment(KEEP_ALIVE);
        }
        if (out != null) {
            lastSentNanos = System.nanoTime();
        }
        return out;
    }

    /** Observes an event (or a tick) and answers whether the stream is complete. */
    private boolean settledAfter(Object signal) {
        if (signal == Quiet.CHECK) {
            return false; // only events and the settle tick may end the stream; this check reads no database
        }
        if (signal instanceof RunEvent e) {
            observe(e);
        }
        try {
            return ended
                    && executing.isEmpty()
                    && settled(engine, engine.run(runId))
                    && engine.events(runId, last).isEmpty();
        } catch (ServiceUnavailableException e) {
            if (!Jdbc.SERVICE.equals(e.service())) {
                throw e;
            }
            return false; // the database is down: the stream stays open (paused) and checks again on the next tick
        }
    }

    private void observe(RunEvent e) {
        last = e.sequence();
        switch (e.type()) {
            case RUN_STATE_CHANGED ->
                ended = RunState.valueOf(e.data().get("state")).terminal();
            case STEP_STARTED -> executing.add(e.step());
            case STEP_FINISHED, STEP_FAILED, STEP_DEFERRED, STEP_ABANDONED -> executing.remove(e.step());
            default -> {
                // approvals and progress change nothing here
            }
        }
    }

    /** Whether the stored run ended and none of its steps is executing or about to (a cancelled run's always-steps). */
    static boolean settled(RunEngine engine, Run run) {
        if (!run.state().terminal() || run.steps().stream().anyMatch(s -> s.state() == StepState.RUNNING)) {
            return false;
        }
        if (run.state() != RunState.CANCELLED) {
            return true;
        }
        List<Step> steps = engine.definition(run.kind())
                .map(d -> d.steps(run.parameters()))
                .orElse(List.of());
        if (steps.size() != run.steps().size()) {
            return true;
        }
        boolean wrote = false;
        boolean alwaysPending = false;
        for (int i = 0; i < steps.size(); i++) {
            StepRecord r = run.steps().get(i);
            wrote |= steps.get(i).writes() && r.state() != StepState.PENDING;
            alwaysPending |= steps.get(i).runsAlways() && r.state() == StepState.PENDING;
        }
        return !(wrote && alwaysPending);
    }

    private static Event<RunEventView> sse(RunEvent e) {
        return Event.of(RunEventView.of(e))
                .id(Long.toString(e.sequence()))
                .name(e.type().name());
    }
}
