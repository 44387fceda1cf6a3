package io.releasekit.api.service;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.service.ServiceStatus;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * {@code /health} entry {@code services}: every known outside service with its circuit-breaker state.
 *
 * <p>Its status is always {@code UP}: an outside service being down never makes releasekit itself unhealthy (a load
 * balancer must not take the API away in the middle of an outage — that is exactly when an emergency release and the
 * preflight are needed). Whether a down service blocks a given process is answered per process kind by the preflight
 * (NO-GO names the strict service). The details — visible to authenticated callers only — list each breaker and the
 * names of the services whose breakers refuse calls ({@code unavailable}).
 */
@Singleton
public class ServicesHealthIndicator implements HealthIndicator {

    /** Name of the entry in {@code /health}. */
    public static final String NAME = "services";

    private final ServiceGuards guards;

    ServicesHealthIndicator(ServiceGuards guards) {
        this.guards = guards;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        Map<String, Object> breakers = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (ServiceStatus s : guards.statuses()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("state", s.state().name());
            one.put("failureRate", s.failureRate());
            one.put("bufferedCalls", s.bufferedCalls());
            one.put("failedCalls", s.failedCalls());
            one.put("notPermittedCalls", s.notPermittedCalls());
            breakers.put(s.service(), one);
            if (s.state() == BreakerState.OPEN || s.state() == BreakerState.FORCED_OPEN) {
                unavailable.add(s.service());
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("breakers", breakers);
        details.put("unavailable", unavailable);
        return Publishers.just(
                HealthResult.builder(NAME, HealthStatus.UP).details(details).build());
    }
}
