package io.releasekit.core.run.internal;

import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunListener;
import io.releasekit.core.run.RunStore;
import io.releasekit.core.run.Subscription;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores run events and delivers them to listeners. Appending and delivering happen under a lock per run (striped), so
 * the listeners of a run see its events in sequence order even when an approval, a cancel and the executing thread emit
 * at the same time.
 */
public final class EventHub {

    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    private static final int STRIPES = 64;

    private final RunStore store;
    private final Object[] stripes = new Object[STRIPES];
    private final List<RunListener> global = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, List<RunListener>> perRun = new ConcurrentHashMap<>();
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();

    EventHub(RunStore store) {
        this.store = store;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Appends an event to the store and delivers the stored event (with its sequence) to listeners. */
    public RunEvent emit(RunEvent event) {
        synchronized (stripe(event.runId())) {
            RunEvent stored = store.append(event);
            deliver(stored);
            return stored;
        }
    }

    /**
     * Stores a run change together with the events that announce it ({@link RunStore#update(Run, List)}, one atomic
     * write), then delivers the stored events to listeners, in order.
     */
    public RunStore.Written update(Run run, List<RunEvent> events) {
        synchronized (stripe(run.id())) {
            RunStore.Written written = store.update(run, events);
            written.events().forEach(this::deliver);
            return written;
        }
    }

    /**
     * Stores a new run together with its first events ({@link RunStore#create(Run, List)}, one atomic write), then
     * delivers the stored events (none when a run with the same idempotency key existed).
     */
    public RunStore.Written create(Run run, List<RunEvent> events) {
        synchronized (stripe(run.id())) {
            RunStore.Written written = store.create(run, events);
            written.events().forEach(this::deliver);
            return written;
        }
    }

    private Object stripe(String runId) {
        return stripes[Math.floorMod(runId.hashCode(), STRIPES)];
    }

    private void deliver(RunEvent stored) {
        global.forEach(l -> deliver(l, stored));
        List<RunListener> listeners = perRun.get(stored.runId());
        if (listeners != null) {
            listeners.forEach(l -> deliver(l, stored));
        }
    }

    /** Delivers every event of every run. */
    public Subscription subscribeAll(RunListener listener) {
        global.add(listener);
        return () -> global.remove(listener);
    }

    /** Delivers the live events of one run. */
    public Subscription subscribe(String runId, RunListener listener) {
        perRun.computeIfAbsent(runId, id -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> perRun.computeIfPresent(runId, (id, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    /** Delivers the stored events after {@code afterSequence}, then live ones, each once and in order. */
    public Subscription follow(String runId, long afterSequence, RunListener listener) {
        Follower follower = new Follower(runId, afterSequence, listener, store);
        Subscription live = subscribe(runId, follower);
        followers.add(follower);
        follower.catchUp();
        return () -> {
            followers.remove(follower);
            live.close();
        };
    }

    /** Reads the store for every follower, to deliver events another engine (replica) stored. */
    public void pollFollowers() {
        try {
            followers.forEach(Follower::catchUp);
        } catch (ServiceUnavailableException e) {
            // the store is down (a database outage): followers catch up on a later poll; once per poll is noise
            log.debug("followers not polled: the run store is unavailable: {}", e.getMessage());
        }
    }

    static void deliver(RunListener listener, RunEvent event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            log.warn(
                    "run listener {} failed on event {} #{} of run {}",
                    listener,
                    event.type(),
                    event.sequence(),
                    event.runId(),
                    e);
        }
    }
}
