package io.releasekit.core.service;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.internal.ThreadContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The registry of service guards: every call to an outside service goes through {@link #call(String, Callable)} with
 * the service's name ({@code github}, {@code s3:eu-central-1}, {@code sts:us-east-1}, {@code git:origin},
 * {@code slack}, ...). Each service gets a Resilience4j circuit breaker, a retry with exponential backoff and a time
 * limit per attempt, configured by exact name, else by family (the part before {@code ':'}), else by the defaults.
 *
 * <p>Only failures that are the service's fault count: a {@link ReleaseException} that is {@link
 * ReleaseException#retryable() retryable}, an I/O error, or a time-out. A 404, a conflict or bad input never opens a
 * breaker, and a {@link RateLimitedException} is neither counted nor retried.
 *
 * <pre>{@code
 * ServiceGuards guards = ServiceGuards.builder().service("github", GuardConfig.defaults().withMaxAttempts(5)).build();
 * GHRelease r = guards.call("github", () -> host.createRelease(request));
 * }</pre>
 */
public final class ServiceGuards implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*(:[A-Za-z0-9._/-]+)?");

    private final GuardConfig defaults;
    private final Map<String, GuardConfig> configs;
    private final Clock clock;
    private final ConcurrentHashMap<String, Guard> guards = new ConcurrentHashMap<>();
    private final List<Consumer<ServiceStateChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ServiceCall>> callListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> registrationListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;

    private ServiceGuards(Builder b) {
        this.defaults = b.defaults;
        this.configs = Map.copyOf(b.configs);
        this.clock = b.clock;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "releasekit-guard-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        b.services.forEach(this::guard);
    }

    /** A registry where every service uses {@link GuardConfig#defaults()}. */
    public static ServiceGuards withDefaults() {
        return builder().build();
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Calls {@code action} through the guard of {@code service}.
     *
     * @throws ServiceUnavailableException when the breaker is open, the call timed out, or every attempt failed with
     *     a retryable error
     * @throws ReleaseException any non-retryable error of the action, unchanged
     */
    public <T> T call(String service, Callable<T> action) {
        Guard g = guard(service);
        long start = System.nanoTime();
        CallOutcome outcome = CallOutcome.FAILED;
        try {
            T result = Retry.decorateSupplier(
                            g.retry, CircuitBreaker.decorateSupplier(g.breaker, () -> timeLimited(service, g, action)))
                    .get();
            outcome = CallOutcome.SUCCESSFUL;
            return result;
        } catch (CallNotPermittedException e) {
            outcome = CallOutcome.NOT_PERMITTED;
            throw new ServiceUnavailableException(
                    service,
                    "service '" + service + "' is unavailable: its circuit breaker is " + g.breaker.getState()
                            + ", not calling it",
                    map(g.breaker.getState()).name(),
                    g.remainingOpenWait(clock.instant()),
                    e);
        } catch (RuntimeException | Error e) {
            outcome = outcomeOf(e);
            throw e;
        } finally {
            publish(new ServiceCall(service, outcome, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private static CallOutcome outcomeOf(Throwable e) {
        if (e instanceof RateLimitedException) {
            return CallOutcome.RATE_LIMITED;
        }
        return countsAsFailure(e) ? CallOutcome.FAILED : CallOutcome.IGNORED_ERROR;
    }

    private void publish(ServiceCall call) {
        for (Consumer<ServiceCall> l : callListeners) {
            try {
                l.accept(call);
            } catch (RuntimeException ignored) {
                // a broken metrics listener must never change the outcome of a release step
            }
        }
    }

    /** Runs {@code action} through the guard of {@code service}; see {@link #call(String, Callable)}. */
    public void run(String service, GuardedAction action) {
        call(service, () -> {
            action.run();
            return null;
        });
    }

    /** Makes a service known (so it shows up in {@link #statuses()}) without calling it. */
    public ServiceGuards register(String service) {
        guard(service);
        return this;
    }

    /** The current status of one service (registering it if it was unknown). */
    public ServiceStatus status(String service) {
        return guard(service).status();
    }

    /** The status of every known service, sorted by name. */
    public List<ServiceStatus> statuses() {
        List<ServiceStatus> out = new ArrayList<>();
        guards.values().forEach(g -> out.add(g.status()));
        out.sort(Comparator.comparing(ServiceStatus::service));
        return out;
    }

    /** The configuration in force for a service. */
    public GuardConfig configFor(String service) {
        GuardConfig exact = configs.get(service);
        if (exact != null) {
            return exact;
        }
        int colon = service.indexOf(':');
        if (colon > 0) {
            GuardConfig family = configs.get(service.substring(0, colon));
            if (family != null) {
                return family;
            }
        }
        return defaults;
    }

    /** Forces a service's breaker open (an operator declares an outage); calls are refused until {@link #reset}. */
    public void forceOpen(String service) {
        guard(service).breaker.transitionToForcedOpenState();
    }

    /** Closes a service's breaker and clears its counts. */
    public void reset(String service) {
        guard(service).breaker.reset();
    }

    /**
     * Subscribes to breaker state changes of every service.
     *
     * @return a handle that unsubscribes when run
     */
    public Runnable addListener(Consumer<ServiceStateChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Subscribes to the end of every guarded call (one event per {@link #call}, after retries), e.g. to count calls
     * by {@link CallOutcome}. Listeners run on the caller's thread and must be quick; their exceptions are ignored.
     *
     * @return a handle that unsubscribes when run
     */
    public Runnable addCallListener(Consumer<ServiceCall> listener) {
        callListeners.add(listener);
        return () -> callListeners.remove(listener);
    }

    /**
     * Subscribes to services becoming known: the listener is called at once for every service already known, then
     * once for each service registered later (by {@link #register}, {@link #status} or a first {@link #call}). A
     * service registered while the listener is being added may be reported twice: make the listener idempotent.
     *
     * @return a handle that unsubscribes when run
     */
    public Runnable addRegistrationListener(Consumer<String> listener) {
        registrationListeners.add(listener);
        List.copyOf(guards.keySet()).forEach(listener);
        return () -> registrationListeners.remove(listener);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private Guard guard(String service) {
        if (service == null || !NAME.matcher(service).matches()) {
            throw new InvalidInputException(
                    "'" + service + "' is not a valid service name (e.g. github, s3:us-east-1)");
        }
        Guard known = guards.get(service);
        if (known != null) {
            return known;
        }
        boolean[] created = {false};
        Guard g = guards.computeIfAbsent(service, name -> {
            created[0] = true;
            return newGuard(name);
        });
        if (created[0]) {
            registrationListeners.forEach(l -> l.accept(service));
        }
        return g;
    }

    private Guard newGuard(String service) {
        GuardConfig c = configFor(service);
        CircuitBreaker breaker = CircuitBreaker.of(
                service,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(c.slidingWindowSize())
                        .minimumNumberOfCalls(c.minimumNumberOfCalls())
                        .failureRateThreshold(c.failureRateThreshold())
                        .waitDurationInOpenState(c.waitInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(c.permittedCallsInHalfOpenState())
                        .automaticTransitionFromOpenToHalfOpenEnabled(true)
                        .recordException(ServiceGuards::countsAsFailure)
                        .ignoreExceptions(RateLimitedException.class)
                        .build());
        Retry retry = Retry.of(
                service,
                RetryConfig.custom()
                        .maxAttempts(c.maxAttempts())
                        .intervalFunction(
                                IntervalFunction.ofExponentialBackoff(c.initialBackoff(), c.backoffMultiplier()))
                        .retryOnException(e -> countsAsFailure(e) && !(e instanceof RateLimitedException))
                        .build());
        Guard g = new Guard(service, breaker, retry, c);
        breaker.getEventPublisher().onStateTransition(ev -> {
            Instant now = clock.instant();
            BreakerState to = map(ev.getStateTransition().getToState());
            if (to == BreakerState.OPEN) {
                g.openedAt = now;
            }
            ServiceStateChange change =
                    new ServiceStateChange(service, map(ev.getStateTransition().getFromState()), to, now);
            listeners.forEach(l -> l.accept(change));
        });
        return g;
    }

    private <T> T timeLimited(String service, Guard g, Callable<T> action) {
        Future<T> f = executor.submit(ThreadContext.carry(action)); // the caller's write authority goes along
        try {
            return f.get(g.config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ServiceUnavailableException(
                    service, "call to '" + service + "' exceeded its time limit of " + g.config.timeout(), e);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, "interrupted while calling '" + service + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new ServiceUnavailableException(service, "call to '" + service + "' failed: " + cause, cause);
        }
    }

    static boolean countsAsFailure(Throwable e) {
        if (e instanceof RateLimitedException) {
            return false;
        }
        if (e instanceof ReleaseException r) {
            return r.retryable();
        }
        return e instanceof IOException || e instanceof UncheckedIOException || e instanceof TimeoutException;
    }

    static BreakerState map(CircuitBreaker.State s) {
        return switch (s) {
            case CLOSED -> BreakerState.CLOSED;
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
            case FORCED_OPEN -> BreakerState.FORCED_OPEN;
            case DISABLED, METRICS_ONLY -> BreakerState.DISABLED;
        };
    }

    /** An action without a result that may throw. */
    @FunctionalInterface
    public interface GuardedAction {
        /** Performs the action. */
        void run() throws Exception;
    }

    private static final class Guard {
        final String service;
        final CircuitBreaker breaker;
        final Retry retry;
        final GuardConfig config;
        volatile Instant openedAt;

        Guard(String service, CircuitBreaker breaker, Retry retry, GuardConfig config) {
            this.service = service;
            this.breaker = breaker;
            this.retry = retry;
            this.config = config;
        }

        Duration remainingOpenWait(Instant now) {
            Instant opened = openedAt;
            if (opened == null || breaker.getState() != CircuitBreaker.State.OPEN) {
                return config.waitInOpenState();
            }
            Duration left = config.waitInOpenState().minus(Duration.between(opened, now));
            return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
        }

        ServiceStatus status() {
            CircuitBreaker.Metrics m = breaker.getMetrics();
            return new ServiceStatus(
                    service,
                    map(breaker.getState()),
                    m.getFailureRate(),
                    m.getNumberOfBufferedCalls(),
                    m.getNumberOfFailedCalls(),
                    m.getNumberOfNotPermittedCalls());
        }
    }

    /** Builds a {@link ServiceGuards}. */
    public static final class Builder {
        private GuardConfig defaults = GuardConfig.defaults();
        private final Map<String, GuardConfig> configs = new HashMap<>();
        private final List<String> services = new ArrayList<>();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The configuration of services that have none of their own. */
        public Builder defaults(GuardConfig config) {
            this.defaults = config;
            return this;
        }

        /** The configuration of one service ({@code s3:eu-central-1}) or of a family ({@code s3}). */
        public Builder service(String nameOrFamily, GuardConfig config) {
            configs.put(nameOrFamily, config);
            return this;
        }

        /** Services to register up front so they are listed before their first call. */
        public Builder register(String... names) {
            services.addAll(List.of(names));
            return this;
        }

        /** The clock used for open-state waits (tests). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Builds the registry. */
        public ServiceGuards build() {
            return new ServiceGuards(this);
        }
    }
}
