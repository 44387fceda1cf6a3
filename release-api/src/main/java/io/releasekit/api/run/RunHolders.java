package io.releasekit.api.run;

import io.releasekit.api.persistence.JdbcRunClaims;
import io.releasekit.api.scheduling.SchedulerProperties;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Which replica executes a run now, and when it is presumed dead without another heartbeat. */
@Singleton
class RunHolders {

    private final JdbcRunClaims claims;
    private final Duration deadAfter;

    RunHolders(JdbcRunClaims claims, SchedulerProperties scheduler) {
        this.claims = claims;
        this.deadAfter = scheduler.deadAfter();
    }

    /** The holder of a run, or null when no replica executes it now. */
    RunHolder of(String runId) {
        return claims.execution(runId)
                .map(e -> new RunHolder(
                        e.replica(),
                        e.since(),
                        e.lastHeartbeat().orElse(null),
                        e.lastHeartbeat().map(b -> b.plus(deadAfter)).orElse(null)))
                .orElse(null);
    }
}
