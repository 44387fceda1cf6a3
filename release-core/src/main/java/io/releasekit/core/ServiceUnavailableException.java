package io.releasekit.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An outside service failed, timed out, or its circuit breaker is open. Names the service (e.g. {@code github},
 * {@code s3:eu-central-1}) and, when known, the breaker state and how long to wait before trying again.
 */
public class ServiceUnavailableException extends ReleaseException {

    private final String service;
    private final String breakerState;
    private final Duration retryAfter;

    public ServiceUnavailableException(String service, String message) {
        this(service, message, null, null, null);
    }

    public ServiceUnavailableException(String service, String message, Throwable cause) {
        this(service, message, null, null, cause);
    }

    /**
     * @param service the guarded service name
     * @param message what failed
     * @param breakerState the breaker state when the call was refused, or {@code null}
     * @param retryAfter how long until the service may be tried again, or {@code null} if unknown
     * @param cause the underlying failure, or {@code null}
     */
    public ServiceUnavailableException(
            String service, String message, String breakerState, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.service = Objects.requireNonNull(service, "service");
        this.breakerState = breakerState;
        this.retryAfter = retryAfter;
    }

    /** The name of the service that failed. */
    public String service() {
        return service;
    }

    /** The breaker state ({@code OPEN}, {@code HALF_OPEN}, ...) if the call was refused by a breaker. */
    public Optional<String> breakerState() {
        return Optional.ofNullable(breakerState);
    }

    /** How long to wait before the service may answer again, if known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public Fault fault() {
        return Fault.SERVICE;
    }

    @Override
    public boolean retryable() {
        return true;
    }

    @Override
    public String errorType() {
        return "service-unavailable";
    }
}
