package io.releasekit.core.run;

import java.util.List;
import java.util.Optional;

/**
 * Where runs live: in memory for library users ({@code InMemoryRunStore}), in a relational database in the service.
 * Implementations are safe for concurrent use; {@link #update(Run)} is a compare-and-set on {@link Run#version()}.
 *
 * <p>What the run engine relies on (InMemoryRunStore is the reference): {@code create} is atomic per idempotency key
 * (two concurrent creates with one key store one run and both get it); {@code update} refuses a stale version with a
 * {@link io.releasekit.core.ConflictException} and an unknown run with a {@link io.releasekit.core.NotFoundException};
 * event sequence numbers are contiguous per run (1, 2, 3, ... with no gaps, also when several replicas append to one
 * run), because followers detect missed events by a gap; {@code list} returns newest first by creation; {@link
 * #update(Run, List)} writes a run change and the events that announce it atomically, so that a crash never leaves a
 * state change without its event (or an event without its change).
 */
public interface RunStore {

    /**
     * Stores a new run (its version is set to 1).
     *
     * @return the stored run; when a run with the same idempotency key exists, that run unchanged
     */
    Run create(Run run);

    /**
     * Stores a new run (version 1) together with its first events, as one atomic write.
     *
     * @param run the new run
     * @param events the events announcing it (e.g. its first {@code RUN_STATE_CHANGED}), all of this run
     * @return the stored run and events; when a run with the same idempotency key exists, that run unchanged and no
     *     events (nothing is written)
     */
    Written create(Run run, List<RunEvent> events);

    /** A run by id. */
    Optional<Run> find(String id);

    /** The run created with an idempotency key. */
    Optional<Run> findByIdempotencyKey(String key);

    /** Runs, newest first, optionally filtered by state and kind. */
    List<Run> list(RunQuery query);

    /**
     * Replaces a run if its stored version is still {@code run.version()}.
     *
     * @return the stored run with its version incremented
     * @throws io.releasekit.core.ConflictException when another writer changed it first
     */
    Run update(Run run);

    /**
     * Replaces a run like {@link #update(Run)} and appends events to it, as one atomic write: afterwards either the new
     * version and every event are stored, or (when anything fails, a crash included) neither is.
     *
     * @param run the run's new content, carrying the version it was read at
     * @param events the events announcing the change, in order, all of this run; sequence numbers are assigned here
     * @return the stored run with its version incremented, and the stored events with their sequence numbers
     * @throws io.releasekit.core.ConflictException when another writer changed the run first (nothing is written)
     */
    Written update(Run run, List<RunEvent> events);

    /** Appends an event, assigning the next sequence number of its run. */
    RunEvent append(RunEvent event);

    /** The events of a run with a sequence number greater than {@code afterSequence}, in order. */
    List<RunEvent> events(String runId, long afterSequence);

    /**
     * What {@link #update(Run, List)} stored.
     *
     * @param run the stored run
     * @param events the stored events, with their sequence numbers, in order
     */
    /**
     * Refuses events that belong to another run than the one they are written with; stores call it before they write
     * anything.
     *
     * @throws IllegalArgumentException naming the first event of another run
     */
    static void requireEventsOf(Run run, List<RunEvent> events) {
        for (RunEvent event : events) {
            if (!run.id().equals(event.runId())) {
                throw new IllegalArgumentException("event " + event.type() + " of run '" + event.runId()
                        + "' cannot be written with run '" + run.id() + "'");
            }
        }
    }

    record Written(Run run, List<RunEvent> events) {
        /** Copies the list. */
        public Written {
            java.util.Objects.requireNonNull(run, "run");
            events = List.copyOf(events);
        }
    }
}
