package io.releasekit.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * The replica executing a run right now.
 *
 * @param replica its name ({@code releasekit.scheduler.name}, else its host name)
 * @param since when it took the run (started it, or took it over)
 * @param lastHeartbeat its last heartbeat for the run's execution, if recorded yet
 * @param presumedDeadAt when it counts as dead if no further heartbeat comes (last heartbeat + heartbeat interval ×
 *     missed-heartbeats limit); another replica takes the run over soon after
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunHolder(
        String replica, Instant since, @Nullable Instant lastHeartbeat, @Nullable Instant presumedDeadAt) {}
