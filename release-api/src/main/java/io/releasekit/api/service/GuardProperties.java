package io.releasekit.api.service;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.releasekit.core.service.GuardConfig;
import java.time.Duration;

/**
 * Per-service guard settings: {@code releasekit.services.<name>.*}, where name is a service ({@code s3:eu-central-1}
 * must be written {@code "[s3:eu-central-1]"} in YAML) or a family ({@code s3}, {@code github}, {@code slack}).
 * Unset values fall back to {@link GuardConfig#defaults()}.
 */
@EachProperty("releasekit.services")
public class GuardProperties {

    private final String name;
    private final GuardConfig d = GuardConfig.defaults();
    private Integer failureRateThreshold;
    private Integer slidingWindowSize;
    private Integer minimumNumberOfCalls;
    private Duration waitInOpenState;
    private Integer maxAttempts;
    private Duration initialBackoff;
    private Duration timeout;

    public GuardProperties(@Parameter String name) {
        this.name = name;
    }

    /** The service or family name. */
    public String getName() {
        return name;
    }

    public void setFailureRateThreshold(Integer v) {
        this.failureRateThreshold = v;
    }

    public void setSlidingWindowSize(Integer v) {
        this.slidingWindowSize = v;
    }

    public void setMinimumNumberOfCalls(Integer v) {
        this.minimumNumberOfCalls = v;
    }

    public void setWaitInOpenState(Duration v) {
        this.waitInOpenState = v;
    }

    public void setMaxAttempts(Integer v) {
        this.maxAttempts = v;
    }

    public void setInitialBackoff(Duration v) {
        this.initialBackoff = v;
    }

    public void setTimeout(Duration v) {
        this.timeout = v;
    }

    /** The guard configuration these properties describe. */
    public GuardConfig toConfig() {
        return new GuardConfig(
                or(failureRateThreshold, d.failureRateThreshold()),
                or(slidingWindowSize, d.slidingWindowSize()),
                or(minimumNumberOfCalls, d.minimumNumberOfCalls()),
                or(waitInOpenState, d.waitInOpenState()),
                d.permittedCallsInHalfOpenState(),
                or(maxAttempts, d.maxAttempts()),
                or(initialBackoff, d.initialBackoff()),
                d.backoffMultiplier(),
                or(timeout, d.timeout()));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
