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
 * run), because followers detect missed events by a gap; {@code list} returns newest first by creation.
 */
public interface RunStore {

    /**
     * Stores a new run (its version is set to 1).
     *
     * @return the stored run; when a run with the same idempotency key exists, that run unchanged
     */
    Run create(Run run);

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

    /** Appends an event, assigning the next sequence number of its run. */
    RunEvent append(RunEvent event);

    /** The events of a run with a sequence number greater than {@code afterSequence}, in order. */
    List<RunEvent> events(String runId, long afterSequence);
}
