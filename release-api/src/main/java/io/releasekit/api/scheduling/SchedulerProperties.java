package io.releasekit.api.scheduling;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The clustered scheduler, {@code releasekit.scheduler.*}. Every replica runs one scheduler on the shared database;
 * an execution picked by a replica whose heartbeat is older than {@code heartbeat-interval × missed-heartbeats-limit}
 * ({@link #deadAfter()}) is taken over by another replica.
 *
 * <p>The defaults (heartbeat 2 s, 6 missed heartbeats, polling 2 s) take a dead replica's runs over within 12 s + up to
 * 4 s until the next dead-execution check (every 2 heartbeats) + the next poll: at most ~18 s, inside the 30 s bound
 * docs/persistence.md promises. A live replica keeps its claims as long as one heartbeat in 12 s gets through, which a
 * replica under full CPU load still manages (200 ms × 4 did not). Shorter heartbeats take over faster and cost one
 * UPDATE per executing run per heartbeat; db-scheduler refuses fewer than 4 missed heartbeats.
 */
@ConfigurationProperties("releasekit.scheduler")
public class SchedulerProperties {

    private boolean enabled = true;
    private String name;
    private int threads = 4;
    private Duration pollingInterval = Duration.ofSeconds(2);
    private Duration heartbeatInterval = Duration.ofSeconds(2);
    private int missedHeartbeatsLimit = 6;
    private Duration shutdownMaxWait = Duration.ofSeconds(30);
    private boolean lockAndFetch = false;

    /** Whether this replica runs a scheduler (default true). */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** This replica's name in the {@code picked_by} column; default the host name. */
    public String getName() {
        return name;
    }

    /** The name this replica is known by: {@link #getName()} when set, else the host name (as db-scheduler does). */
    public String replicaName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Executions run at once by this replica (default 4). */
    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    /** How often the database is polled for due executions (default 2 s). */
    public Duration getPollingInterval() {
        return pollingInterval;
    }

    public void setPollingInterval(Duration pollingInterval) {
        this.pollingInterval = pollingInterval;
    }

    /** How often a running execution's heartbeat is updated (default 2 s). */
    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    /** Missed heartbeats after which an execution counts as dead and is taken over (default 6). */
    public int getMissedHeartbeatsLimit() {
        return missedHeartbeatsLimit;
    }

    /**
     * @throws IllegalArgumentException below 4, which db-scheduler refuses
     */
    public void setMissedHeartbeatsLimit(int missedHeartbeatsLimit) {
        if (missedHeartbeatsLimit < 4) {
            throw new IllegalArgumentException("releasekit.scheduler.missed-heartbeats-limit must be at least 4"
                    + " (db-scheduler's minimum), was " + missedHeartbeatsLimit);
        }
        this.missedHeartbeatsLimit = missedHeartbeatsLimit;
    }

    /** How old a holder's last heartbeat must be before its executions count as dead and are taken over. */
    public Duration deadAfter() {
        return heartbeatInterval.multipliedBy(missedHeartbeatsLimit);
    }

    /** How long shutdown waits for running executions (default 30 s); unfinished ones are taken over later. */
    public Duration getShutdownMaxWait() {
        return shutdownMaxWait;
    }

    public void setShutdownMaxWait(Duration shutdownMaxWait) {
        this.shutdownMaxWait = shutdownMaxWait;
    }

    /**
     * Whether to claim executions with {@code SELECT ... FOR UPDATE SKIP LOCKED} (PostgreSQL only; fewer conflicts
     * with many replicas). Default false: optimistic claiming, which works on every database.
     */
    public boolean isLockAndFetch() {
        return lockAndFetch;
    }

    public void setLockAndFetch(boolean lockAndFetch) {
        this.lockAndFetch = lockAndFetch;
    }
}
