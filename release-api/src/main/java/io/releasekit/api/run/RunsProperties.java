package io.releasekit.api.run;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The run engine of the service, {@code releasekit.runs.*}. Runs are executed through the clustered scheduler
 * ({@code releasekit.scheduler.*}); these settings tune the engine itself.
 */
@ConfigurationProperties("releasekit.runs")
public class RunsProperties {

    private Duration followPollInterval = Duration.ofSeconds(1);
    private Duration replayInterval = Duration.ofSeconds(30);
    private Duration sweepInterval = Duration.ofMinutes(1);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Duration sseKeepAlive = Duration.ofSeconds(15);
    private Duration databaseOutageLimit = Duration.ofMinutes(2);
    private Duration databaseProbeInterval = Duration.ofSeconds(1);
    private Duration databaseProbeTimeout = Duration.ofSeconds(2);

    /**
     * How long a run's executing step waits for the database when it is unavailable (default 2 min): the step is paused
     * (its writes and its result wait), and it continues when the database answers. A run whose step waited longer
     * fails with that reason once the database is back.
     */
    public Duration getDatabaseOutageLimit() {
        return databaseOutageLimit;
    }

    public void setDatabaseOutageLimit(Duration databaseOutageLimit) {
        this.databaseOutageLimit = positive("database-outage-limit", databaseOutageLimit);
    }

    /** How often the database is probed for health (default 1 s). */
    public Duration getDatabaseProbeInterval() {
        return databaseProbeInterval;
    }

    public void setDatabaseProbeInterval(Duration databaseProbeInterval) {
        this.databaseProbeInterval = positive("database-probe-interval", databaseProbeInterval);
    }

    /** How long a probe may take before the database counts as down (default 2 s). */
    public Duration getDatabaseProbeTimeout() {
        return databaseProbeTimeout;
    }

    public void setDatabaseProbeTimeout(Duration databaseProbeTimeout) {
        this.databaseProbeTimeout = positive("database-probe-timeout", databaseProbeTimeout);
    }

    private static Duration positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("releasekit.runs." + name + " must be a positive duration, was " + d);
        }
        return d;
    }

    /**
     * How often event streams (SSE) read the database for events stored by other replicas (default 1 s). Events of
     * runs executing on this replica arrive at once.
     */
    public Duration getFollowPollInterval() {
        return followPollInterval;
    }

    public void setFollowPollInterval(Duration followPollInterval) {
        this.followPollInterval = followPollInterval;
    }

    /** How often deferred steps are checked for replay, besides every breaker that closes (default 30 s). */
    public Duration getReplayInterval() {
        return replayInterval;
    }

    public void setReplayInterval(Duration replayInterval) {
        this.replayInterval = replayInterval;
    }

    /**
     * How often queued and running runs without a scheduled execution are scheduled again (default 1 min): a safety
     * net for a dispatch that failed (database briefly down) or was dropped while the run's execution was finishing.
     */
    public Duration getSweepInterval() {
        return sweepInterval;
    }

    public void setSweepInterval(Duration sweepInterval) {
        this.sweepInterval = sweepInterval;
    }

    /**
     * How long a stopping replica lets executing steps finish before it interrupts them (default 10 s); interrupted
     * runs are handed over to another replica, or continue at the next start. Keep it below {@code
     * releasekit.scheduler.shutdown-max-wait}.
     */
    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * How long an event stream (SSE) may stay silent before it sends a comment line {@code : keep-alive} (default 15
     * s), so that proxies (nginx closes an idle upstream after 60 s) do not cut a quiet stream, e.g. while a run waits
     * for approval. Clients ignore comments; they carry no id and change no {@code Last-Event-ID}.
     */
    public Duration getSseKeepAlive() {
        return sseKeepAlive;
    }

    /**
     * @throws IllegalArgumentException when not positive
     */
    public void setSseKeepAlive(Duration sseKeepAlive) {
        if (sseKeepAlive == null || sseKeepAlive.isNegative() || sseKeepAlive.isZero()) {
            throw new IllegalArgumentException(
                    "releasekit.runs.sse-keep-alive must be a positive duration, was " + sseKeepAlive);
        }
        this.sseKeepAlive = sseKeepAlive;
    }
}
