package io.releasekit.core.service;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
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
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The service guards: every call to an outside service goes through {@link #call(String, Callable)} with the
 * service's name ({@code github}, {@code s3:eu-central-1}, {@code sts:us-east-1}, {@code git:origin}, {@code slack},
 * ...). Each service gets a Resilience4j circuit breaker, a retry with exponential backoff and a time limit per
 * attempt, taken from Resilience4j's own {@link CircuitBreakerRegistry}, {@link RetryRegistry} and {@link
 * TimeLimiterRegistry} ({@link #circuitBreakers()}, {@link #retries()}, {@link #timeLimiters()}, e.g. for
 * Resilience4j's Micrometer meters). A service is configured by exact name, else by family (the part before
 * {@code ':'}), else by the defaults: each of those is one named configuration in the registries.
 *
 * <p>Only failures that are the service's fault count: a {@link ReleaseException} that is {@link
 * ReleaseException#retryable() retryable}, an I/O error, or a time-out. A 404, a conflict or bad input never opens a
 * breaker, and a {@link RateLimitedException} is neither counted nor retried.
 *
 * <p>Ports handed out by the registries ({@code ArtifactStores}, {@code SourceRepositories}, {@code ReleaseHosts},
 * {@code Notifiers}) are already guarded; this facade is for wiring, status and operator actions, and for adapters'
 * own credential calls.
 *
 * <pre>{@code
 * ServiceGuards guards = ServiceGuards.builder().service("github", GuardConfig.defaults().withMaxAttempts(5)).build();
 * ReleaseHosts hosts = ReleaseHosts.builder(guards).add("cfn", github, TagScheme.of("release-")).build();
 * }</pre>
 */
public final class ServiceGuards implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*(:[A-Za-z0-9._/-]+)?");
    /** Prefix of releasekit's configurations in the registries (Resilience4j reserves {@code default}). */
    private static final String CONFIG = "releasekit.";

    private final GuardConfig defaults;
    private final Map<String, GuardConfig> configs;
    private final Clock clock;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final TimeLimiterRegistry limiters;
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
    /** The last failure that counted against each service, redacted, for the message of a refused call. */
    private final Map<String, String> lastFailure = new ConcurrentHashMap<>();

    private final List<Consumer<ServiceStateChange>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ServiceCall>> callListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> registrationListeners = new CopyOnWriteArrayList<>();
    /** Services whose breaker the registry just created, announced once the registry's update is over. */
    private final Queue<String> newlyAdded = new ConcurrentLinkedQueue<>();

    private final ExecutorService executor;

    private ServiceGuards(Builder b) {
        this.defaults = b.defaults;
        this.configs = Map.copyOf(b.configs);
        this.clock = b.clock;
        this.breakers = CircuitBreakerRegistry.of(breakerConfig(defaults));
        this.retries = RetryRegistry.of(retryConfig(defaults));
        this.limiters = TimeLimiterRegistry.of(limiterConfig(defaults));
        configs.forEach((name, c) -> {
            breakers.addConfiguration(CONFIG + name, breakerConfig(c));
            retries.addConfiguration(CONFIG + name, retryConfig(c));
            limiters.addConfiguration(CONFIG + name, limiterConfig(c));
        });
        // releasekit's listeners hear the breakers through the registry's own events
        breakers.getEventPublisher().onEntryAdded(e -> added(e.getAddedEntry()));
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
        return guarded(service, action, true);
    }

    /**
     * Calls {@code action} once through the breaker and the time limit of {@code service}, without retrying: for a
     * call whose input cannot be read twice (a write from a stream). Outcomes as {@link #call(String, Callable)}.
     */
    public <T> T callOnce(String service, Callable<T> action) {
        return guarded(service, action, false);
    }

    private <T> T guarded(String service, Callable<T> action, boolean retried) {
        Guard g = guard(service);
        long start = System.nanoTime();
        CallOutcome outcome = CallOutcome.FAILED;
        try {
            Supplier<T> limited = CircuitBreaker.decorateSupplier(g.breaker, () -> timeLimited(service, g, action));
            T result = retried ? Retry.decorateSupplier(g.retry, limited).get() : limited.get();
            outcome = CallOutcome.SUCCESSFUL;
            return result;
        } catch (CallNotPermittedException e) {
            outcome = CallOutcome.NOT_PERMITTED;
            throw new ServiceUnavailableException(
                    service,
                    "service '" + service + "' is unavailable: its circuit breaker is " + g.breaker.getState()
                            + ", not calling it"
                            + lastFailure(service)
                                    .map(f -> " (last failure: " + f + ")")
                                    .orElse(""),
                    map(g.breaker.getState()).name(),
                    remainingOpenWait(g, clock.instant()),
                    e);
        } catch (RuntimeException | Error e) {
            outcome = outcomeOf(e);
            if (outcome == CallOutcome.FAILED) {
                lastFailure.put(service, describe(e));
            }
            throw e;
        } finally {
            publish(new ServiceCall(service, outcome, Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    /**
     * The last failure that counted against {@code service} (its message, with the underlying causes that add to it,
     * and no credential in a URL or query), if any: what a refused call reports along with the breaker state.
     */
    public Optional<String> lastFailure(String service) {
        return Optional.ofNullable(service).map(lastFailure::get);
    }

    /** Credentials in URLs ({@code user:pass@}) and secret-looking query or header values. */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)(://)[^/@\\s]+@|((?:token|secret|password|signature|credential|key)[a-z-]*[=:]\\s*)[^&\\s,;)]+");

    /** A failure in one line: its message and each cause whose message adds to it, redacted. */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            String m = t instanceof ReleaseException && t.getMessage() != null
                    ? t.getMessage()
                    : t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
            if (out.indexOf(m) < 0) {
                out.append(out.length() == 0 ? "" : " <- ").append(m);
            }
        }
        String line = SECRET.matcher(out).replaceAll(r -> r.group(1) != null ? "://***@" : r.group(2) + "***");
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
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

    /**
     * Whether {@code service} is known: configured by its exact name, registered, or already called. Does not
     * register it (an unknown name stays unknown).
     */
    public boolean knows(String service) {
        return service != null
                && (configs.containsKey(service) || breakers.find(service).isPresent());
    }

    /** The current status of one service (registering it if it was unknown). */
    public ServiceStatus status(String service) {
        return status(guard(service).breaker);
    }

    /** The status of every known service, sorted by name. */
    public List<ServiceStatus> statuses() {
        List<ServiceStatus> out = new ArrayList<>();
        breakers.getAllCircuitBreakers().forEach(b -> out.add(status(b)));
        out.sort(Comparator.comparing(ServiceStatus::service));
        return out;
    }

    /** The configuration in force for a service. */
    public GuardConfig configFor(String service) {
        return configName(service).map(configs::get).orElse(defaults);
    }

    /** Forces a service's breaker open (an operator declares an outage); calls are refused until {@link #reset}. */
    public void forceOpen(String service) {
        guard(service).breaker.transitionToForcedOpenState();
    }

    /** Closes a service's breaker and clears its counts. */
    public void reset(String service) {
        guard(service).breaker.reset();
    }

    /** Resilience4j's registry of the services' circuit breakers (one per service, named after it). */
    public CircuitBreakerRegistry circuitBreakers() {
        return breakers;
    }

    /** Resilience4j's registry of the services' retries (one per service, named after it). */
    public RetryRegistry retries() {
        return retries;
    }

    /** Resilience4j's registry of the services' time limiters (one per service, named after it). */
    public TimeLimiterRegistry timeLimiters() {
        return limiters;
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
        breakers.getAllCircuitBreakers().forEach(b -> listener.accept(b.getName()));
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
        Optional<String> config = configName(service).map(c -> CONFIG + c);
        // each registry creates a service's instance once, from the service's configuration, and keeps it
        CircuitBreaker breaker =
                config.map(c -> breakers.circuitBreaker(service, c)).orElseGet(() -> breakers.circuitBreaker(service));
        Retry retry = config.map(c -> retries.retry(service, c)).orElseGet(() -> retries.retry(service));
        TimeLimiter limiter =
                config.map(c -> limiters.timeLimiter(service, c)).orElseGet(() -> limiters.timeLimiter(service));
        announceAdded();
        return new Guard(breaker, retry, limiter, configFor(service));
    }

    /** The name of the configuration of a service: its own, its family's, or empty for the defaults. */
    private Optional<String> configName(String service) {
        if (configs.containsKey(service)) {
            return Optional.of(service);
        }
        int colon = service.indexOf(':');
        if (colon > 0 && configs.containsKey(service.substring(0, colon))) {
            return Optional.of(service.substring(0, colon));
        }
        return Optional.empty();
    }

    /**
     * A breaker joined the registry: listen to its transitions; the service is announced by {@link #announceAdded()}
     * after the registry's update, so that a listener may use these guards (even for that service) at once.
     */
    private void added(CircuitBreaker breaker) {
        String service = breaker.getName();
        breaker.getEventPublisher().onStateTransition(ev -> {
            Instant now = clock.instant();
            BreakerState to = map(ev.getStateTransition().getToState());
            if (to == BreakerState.OPEN) {
                openedAt.put(service, now);
            }
            ServiceStateChange change =
                    new ServiceStateChange(service, map(ev.getStateTransition().getFromState()), to, now);
            listeners.forEach(l -> l.accept(change));
        });
        newlyAdded.add(service);
    }

    private void announceAdded() {
        for (String service; (service = newlyAdded.poll()) != null; ) {
            String known = service;
            registrationListeners.forEach(l -> l.accept(known));
        }
    }

    private static CircuitBreakerConfig breakerConfig(GuardConfig c) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.slidingWindowSize())
                .minimumNumberOfCalls(c.minimumNumberOfCalls())
                .failureRateThreshold(c.failureRateThreshold())
                .waitDurationInOpenState(c.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(c.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(ServiceGuards::countsAsFailure)
                .ignoreExceptions(RateLimitedException.class)
                .build();
    }

    private static RetryConfig retryConfig(GuardConfig c) {
        return RetryConfig.custom()
                .maxAttempts(c.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(c.initialBackoff(), c.backoffMultiplier()))
                .retryOnException(e -> countsAsFailure(e) && !(e instanceof RateLimitedException))
                .build();
    }

    private static TimeLimiterConfig limiterConfig(GuardConfig c) {
        return TimeLimiterConfig.custom()
                .timeoutDuration(c.timeout())
                .cancelRunningFuture(true)
                .build();
    }

    private <T> T timeLimited(String service, Guard g, Callable<T> action) {
        try {
            return g.limiter.executeFutureSupplier(
                    () -> executor.submit(ThreadContext.carry(action))); // the caller's write authority goes along
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException(
                    service, "call to '" + service + "' exceeded its time limit of " + g.config.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException(service, "interrupted while calling '" + service + "'", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ServiceUnavailableException(service, "call to '" + service + "' failed: " + e, e);
        }
    }

    private Duration remainingOpenWait(Guard g, Instant now) {
        Instant opened = openedAt.get(g.breaker.getName());
        if (opened == null || g.breaker.getState() != CircuitBreaker.State.OPEN) {
            return g.config.waitInOpenState();
        }
        Duration left = g.config.waitInOpenState().minus(Duration.between(opened, now));
        return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
    }

    private static ServiceStatus status(CircuitBreaker breaker) {
        CircuitBreaker.Metrics m = breaker.getMetrics();
        return new ServiceStatus(
                breaker.getName(),
                map(breaker.getState()),
                m.getFailureRate(),
                m.getNumberOfBufferedCalls(),
                m.getNumberOfFailedCalls(),
                m.getNumberOfNotPermittedCalls());
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

    /** One service's instances, as the registries hold them, and the configuration they were made from. */
    private record Guard(CircuitBreaker breaker, Retry retry, TimeLimiter limiter, GuardConfig config) {}

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
