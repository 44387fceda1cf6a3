package io.releasekit.core.run;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link RunStore} in memory: the default for library users, and the reference behaviour a durable store must match.
 * Every method is atomic (one lock), {@link #update(Run, List)} and {@link #create(Run, List)} included: a run change
 * and its events are stored together or not at all; {@link #update(Run)} is a compare-and-set on {@link Run#version()}. Runs and events
 * are kept until the store is dropped.
 */
public final class InMemoryRunStore implements RunStore {

    private final Map<String, Entry> runs = new HashMap<>();
    private final Map<String, String> idsByKey = new HashMap<>();
    private long created;

    /** An empty store. */
    public InMemoryRunStore() {}

    @Override
    public synchronized Run create(Run run) {
        return create(run, List.of()).run();
    }

    @Override
    public synchronized Written create(Run run, List<RunEvent> events) {
        Objects.requireNonNull(run, "run");
        RunStore.requireEventsOf(run, events);
        if (run.idempotencyKey() != null) {
            String existing = idsByKey.get(run.idempotencyKey());
            if (existing != null) {
                return new Written(runs.get(existing).run, List.of());
            }
        }
        if (runs.containsKey(run.id())) {
            throw new ConflictException("run '" + run.id() + "' already exists");
        }
        Run stored = run.withVersion(1);
        Entry entry = new Entry(stored, ++created);
        runs.put(run.id(), entry);
        if (run.idempotencyKey() != null) {
            idsByKey.put(run.idempotencyKey(), run.id());
        }
        return new Written(stored, entry.add(events));
    }

    @Override
    public synchronized Optional<Run> find(String id) {
        Entry e = runs.get(id);
        return e == null ? Optional.empty() : Optional.of(e.run);
    }

    @Override
    public synchronized Optional<Run> findByIdempotencyKey(String key) {
        String id = idsByKey.get(key);
        return id == null ? Optional.empty() : Optional.of(runs.get(id).run);
    }

    @Override
    public synchronized List<Run> list(RunQuery query) {
        return runs.values().stream()
                .filter(e -> query.state().map(s -> s == e.run.state()).orElse(true))
                .filter(e -> query.kind().map(k -> k.equals(e.run.kind())).orElse(true))
                .sorted(Comparator.comparingLong((Entry e) -> e.order).reversed())
                .limit(query.limit())
                .map(e -> e.run)
                .toList();
    }

    @Override
    public synchronized Run update(Run run) {
        Entry e = runs.get(run.id());
        if (e == null) {
            throw new NotFoundException("run '" + run.id() + "' does not exist");
        }
        if (e.run.version() != run.version()) {
            throw new ConflictException("run '" + run.id() + "' was changed concurrently: stored version "
                    + e.run.version() + ", update based on version " + run.version());
        }
        e.run = run.withVersion(run.version() + 1);
        return e.run;
    }

    @Override
    public synchronized Written update(Run run, List<RunEvent> events) {
        // every check comes before the first change, so a refused event leaves the run as it was
        RunStore.requireEventsOf(run, events);
        Run stored = update(run);
        return new Written(stored, runs.get(run.id()).add(events));
    }

    @Override
    public synchronized RunEvent append(RunEvent event) {
        Entry e = runs.get(event.runId());
        if (e == null) {
            throw new NotFoundException("run '" + event.runId() + "' does not exist");
        }
        return e.add(List.of(event)).get(0);
    }

    @Override
    public synchronized List<RunEvent> events(String runId, long afterSequence) {
        Entry e = runs.get(runId);
        if (e == null || afterSequence >= e.events.size()) {
            return List.of();
        }
        // sequence n sits at index n-1
        return List.copyOf(e.events.subList((int) Math.max(0, afterSequence), e.events.size()));
    }

    private static final class Entry {
        Run run;
        final long order;
        final List<RunEvent> events = new ArrayList<>();

        Entry(Run run, long order) {
            this.run = run;
            this.order = order;
        }

        /** Appends events with the next sequence numbers; returns them as stored. */
        List<RunEvent> add(List<RunEvent> added) {
            List<RunEvent> stored = new ArrayList<>(added.size());
            for (RunEvent event : added) {
                RunEvent s = event.withSequence(events.size() + 1L);
                events.add(s);
                stored.add(s);
            }
            return stored;
        }
    }
}
