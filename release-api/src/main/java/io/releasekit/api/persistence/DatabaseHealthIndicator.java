package io.releasekit.api.persistence;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} entry {@code database}: what the {@link DatabaseMonitor}'s last probe saw, answered without touching
 * the database, so that {@code /health} says DOWN (HTTP 503) within a probe interval of an outage and never waits for
 * a connection. Micronaut's own {@code jdbc} indicator, which borrows a connection per request, is switched off.
 */
@Singleton
public class DatabaseHealthIndicator implements HealthIndicator {

    /** Name of the entry in {@code /health}. */
    public static final String NAME = "database";

    private final DatabaseMonitor monitor;

    DatabaseHealthIndicator(DatabaseMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        DatabaseMonitor.State s = monitor.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("since", s.since().toString());
        if (s.problem() != null) {
            details.put("problem", s.problem());
        }
        return Publishers.just(HealthResult.builder(NAME, s.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details)
                .build());
    }
}
