package io.releasekit.api.scheduling;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The clustered scheduler, {@code releasekit.scheduler.*}. Every replica runs one scheduler on the shared database;
 * an execution picked by a replica whose heartbeat is older than {@code heartbeat-interval × missed-heartbeats-limit}
 * is taken over by another replica.
 */
@ConfigurationProperties("releasekit.scheduler")
public class SchedulerProperties {

    private boolean enabled = true;
    private String name;
    private int threads = 4;
    private Duration pollingInterval = Duration.ofSeconds(5);
    private Duration heartbeatInterval = Duration.ofSeconds(30);
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

    /** How often the database is polled for due executions (default 5 s). */
    public Duration getPollingInterval() {
        return pollingInterval;
    }

    public void setPollingInterval(Duration pollingInterval) {
        this.pollingInterval = pollingInterval;
    }

    /** How often a running execution's heartbeat is updated (default 30 s). */
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

    public void setMissedHeartbeatsLimit(int missedHeartbeatsLimit) {
        this.missedHeartbeatsLimit = missedHeartbeatsLimit;
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
