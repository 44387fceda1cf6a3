package io.releasekit.api.service;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.CallOutcome;
import io.releasekit.core.service.ServiceCall;
import io.releasekit.core.service.ServiceGuards;
import jakarta.annotation.PreDestroy;
import java.util.Locale;

/**
 * Publishes every service guard to Micrometer (and so to {@code /prometheus}):
 *
 * <ul>
 *   <li>{@code releasekit.service.breaker.state{service,state}} — gauge, 1 for the breaker's current state, 0 for the
 *       others ({@code closed}, {@code open}, {@code half_open}, {@code forced_open}, {@code disabled});
 *   <li>{@code releasekit.service.calls{service,outcome}} — counter of guarded calls by {@link CallOutcome}
 *       ({@code successful}, {@code failed}, {@code ignored_error}, {@code not_permitted}, {@code rate_limited}).
 * </ul>
 *
 * Every service the guards know at start (configured under {@code releasekit.services}, or an adapter's) is metered from the
 * start; services that become known later (a git remote on its first call) get their meters at registration.
 * Beside them, Resilience4j's own meters of the guards' registries ({@code resilience4j.circuitbreaker.*}, {@code
 * resilience4j.retry.*}, {@code resilience4j.timelimiter.*}, tagged with {@code name} = the service).
 */
@Context
@Requires(beans = MeterRegistry.class)
public class ServiceMetrics {

    /** Name of the breaker-state gauge. */
    public static final String BREAKER_STATE = "releasekit.service.breaker.state";
    /** Name of the calls-by-outcome counter. */
    public static final String CALLS = "releasekit.service.calls";

    private final MeterRegistry registry;
    private final ServiceGuards guards;
    private final Runnable unsubscribeRegistrations;
    private final Runnable unsubscribeCalls;

    ServiceMetrics(MeterRegistry registry, ServiceGuards guards) {
        this.registry = registry;
        this.guards = guards;
        this.unsubscribeRegistrations = guards.addRegistrationListener(this::bind);
        this.unsubscribeCalls = guards.addCallListener(this::count);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guards.circuitBreakers())
                .bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(guards.retries()).bindTo(registry);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(guards.timeLimiters()).bindTo(registry);
    }

    private void bind(String service) {
        for (BreakerState state : BreakerState.values()) {
            Gauge.builder(BREAKER_STATE, guards, g -> g.status(service).state() == state ? 1 : 0)
                    .description("1 when the service's circuit breaker is in this state, else 0")
                    .tag("service", service)
                    .tag("state", tag(state))
                    .strongReference(true)
                    .register(registry);
        }
        for (CallOutcome outcome : CallOutcome.values()) {
            counter(service, outcome);
        }
    }

    private void count(ServiceCall call) {
        counter(call.service(), call.outcome()).increment();
    }

    private Counter counter(String service, CallOutcome outcome) {
        return Counter.builder(CALLS)
                .description("Guarded calls to an outside service, by outcome (after retries)")
                .tag("service", service)
                .tag("outcome", tag(outcome))
                .register(registry);
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @PreDestroy
    void close() {
        unsubscribeRegistrations.run();
        unsubscribeCalls.run();
    }
}
