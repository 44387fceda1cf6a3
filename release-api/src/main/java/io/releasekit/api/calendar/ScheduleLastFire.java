package io.releasekit.api.calendar;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A schedule's last firing.
 *
 * @param at the fire time
 * @param outcome {@code started}, {@code skipped-exception}, {@code skipped-missed} or {@code failed: …}
 * @param runId the run it started, or null
 * @param by the replica that fired it
 */
@Serdeable
public record ScheduleLastFire(Instant at, String outcome, @Nullable String runId, @Nullable String by) {}
