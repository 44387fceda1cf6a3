package io.releasekit.api.persistence;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.releasekit.core.ServiceUnavailableException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the database: every {@code releasekit.runs.database-probe-interval} (default 1 s) a probe borrows a pooled
 * connection and validates it, on its own thread; a probe that fails, or has not answered within {@code
 * releasekit.runs.database-probe-timeout} (default 2 s), marks the database <em>down</em> at once. While it is down,
 * requests that need the database fail fast with a 503 ({@link #requireUp()}) instead of waiting for the pool's timeout,
 * health reports it, and executing runs pause instead of failing ({@link #awaitUp(Duration)}). The first probe that
 * answers marks it up again.
 */
@Singleton
@Requires(beans = DataSource.class)
public class DatabaseMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMonitor.class);

    /** What a 503 asks clients to wait before they try again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** Up or down, and since when. */
    public record State(boolean up, Instant since, String problem) {}

    private final DataSource dataSource;
    private final Duration timeout;
    private final AtomicReference<State> state = new AtomicReference<>(new State(true, Instant.now(), null));
    private final ScheduledExecutorService timer;
    private final ExecutorService probes;
    private final Object changed = new Object();
    private volatile Instant lastRecovery;
    private Future<?> probe;
    private long probeStartedNanos;

    // the keys are documented and validated with the rest of releasekit.runs.* in api.run.RunsProperties; read here
    // directly so that persistence does not depend on the run package (which depends on persistence)
    DatabaseMonitor(
            DataSource dataSource,
            @Value("${releasekit.runs.database-probe-interval:1s}") Duration interval,
            @Value("${releasekit.runs.database-probe-timeout:2s}") Duration timeout) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.timeout = timeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "releasekit-db-monitor"));
        this.probes = Executors.newCachedThreadPool(r -> daemon(r, "releasekit-db-probe"));
        long every = interval.toMillis();
        timer.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The current state. */
    public State state() {
        return state.get();
    }

    /** Whether the database answered the last probe. */
    public boolean up() {
        return state.get().up();
    }

    /** When the database last came back after an outage this replica saw, if it did. */
    public Optional<Instant> lastRecovery() {
        return Optional.ofNullable(lastRecovery);
    }

    /**
     * Fails fast while the database is down.
     *
     * @throws ServiceUnavailableException of service {@code database}, with a {@code Retry-After}
     */
    public void requireUp() {
        State s = state.get();
        if (!s.up()) {
            throw new ServiceUnavailableException(
                    Jdbc.SERVICE,
                    "the database is unavailable since " + s.since() + " (" + s.problem() + "); try again later",
                    null,
                    RETRY_AFTER,
                    null);
        }
    }

    /**
     * Waits until the database answers again, at most {@code max}.
     *
     * @return whether it is up
     */
    public boolean awaitUp(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (changed) {
            while (!state.get().up()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 500)));
            }
            return true;
        }
    }

    /** Marks the database down now (a caller saw it fail); the next successful probe marks it up. */
    public void reportFailure(String problem) {
        mark(false, problem);
    }

    private synchronized void tick() {
        if (probe != null && !probe.isDone()) {
            if (System.nanoTime() - probeStartedNanos > timeout.toNanos()) {
                mark(false, "no answer within " + timeout.toMillis() + " ms");
            }
            return; // a hanging probe is not doubled: it marks the state when it ends
        }
        probeStartedNanos = System.nanoTime();
        probe = probes.submit(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (c.isValid((int) Math.max(1, timeout.toSeconds()))) {
                    mark(true, null);
                } else {
                    mark(false, "connection not valid");
                }
            } catch (Exception e) {
                mark(false, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    private void mark(boolean up, String problem) {
        State before = state.get();
        if (before.up() == up) {
            return;
        }
        State now = new State(up, Instant.now(), problem);
        if (!state.compareAndSet(before, now)) {
            return;
        }
        if (up) {
            lastRecovery = now.since();
            LOG.warn(
                    "database is back after {} s",
                    Duration.between(before.since(), now.since()).toSeconds());
        } else {
            LOG.warn("database unavailable: {}; runs pause, requests answer 503 until it is back", problem);
        }
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        probes.shutdownNow();
    }
}
