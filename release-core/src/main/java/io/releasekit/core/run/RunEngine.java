package io.releasekit.core.run;

import io.releasekit.core.ConflictException;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.NotPermittedException;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.run.internal.ApprovalDesk;
import io.releasekit.core.run.internal.DeferredReplayer;
import io.releasekit.core.run.internal.Definitions;
import io.releasekit.core.run.internal.EngineCore;
import io.releasekit.core.run.internal.RunExecutor;
import io.releasekit.core.run.internal.RunStarter;
import io.releasekit.core.run.internal.ThreadPoolRunDispatcher;
import io.releasekit.core.service.ServiceGuards;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs release processes: starts runs of registered {@link ProcessDefinition}s, holds them for approval, executes their
 * steps in order through a {@link RunDispatcher}, records every change in a {@link RunStore}, defers steps whose
 * deferrable service is down and replays them when it is back, and publishes {@link RunEvent}s.
 *
 * <pre>{@code
 * try (RunEngine engine = RunEngine.builder().guards(guards).define(new TagProcess(repo)).build()) {
 *     Run run = engine.start(RunRequest.of("git.tag", Map.of("tag", "v1.2.0"), "alice"));
 *     engine.follow(run.id(), 0, event -> System.out.println(event));
 *     Run done = engine.awaitEnd(run.id(), Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>Thread-safe. One engine per process; several engines (replicas) may share a durable store when their dispatcher
 * keeps the contract of {@link RunDispatcher}.
 */
public final class RunEngine implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RunEngine.class);

    private final EngineCore core;
    private final RunExecutor advancer;
    private final RunStarter starter;
    private final ApprovalDesk approvals;
    private final DeferredReplayer replayer;
    private final RunDispatcher dispatcher;
    private final ScheduledExecutorService timer;
    private final Runnable guardSubscription;
    private final boolean ownsGuards;
    private final Duration shutdownGrace;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunEngine(Builder b) {
        Definitions definitions = new Definitions();
        b.definitions.forEach(definitions::register);
        this.ownsGuards = b.guards == null;
        ServiceGuards guards = ownsGuards ? ServiceGuards.withDefaults() : b.guards;
        this.core = new EngineCore(
                b.store, guards, b.clock, definitions, b.progressInterval, b.storeOutageLimit, b.protection);
        b.listeners.forEach(core.events()::subscribeAll);
        this.shutdownGrace = b.shutdownGrace;
        this.advancer = new RunExecutor(core);
        this.dispatcher = b.dispatcher != null
                ? b.dispatcher.apply(this)
                : new ThreadPoolRunDispatcher(this::advance, b.workerThreads);
        this.starter = new RunStarter(core, b.ids, dispatcher::dispatch);
        this.approvals = new ApprovalDesk(core, dispatcher::dispatch);
        this.replayer = new DeferredReplayer(core, dispatcher::dispatch);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "releasekit-run-timer");
            t.setDaemon(true);
            return t;
        });
        this.guardSubscription = guards.addListener(change -> {
            if (replayer.concerns(change)) {
                onTimer(guarded(
                        "replaying steps deferred for " + change.service(), () -> replayer.replay(change.service())));
            }
        });
        if (!b.replayInterval.isZero()) {
            long ms = b.replayInterval.toMillis();
            timer.scheduleWithFixedDelay(
                    guarded("replaying deferred steps", () -> replayer.replay(null)), ms, ms, TimeUnit.MILLISECONDS);
        }
        if (!b.followPollInterval.isZero()) {
            long ms = b.followPollInterval.toMillis();
            timer.scheduleWithFixedDelay(
                    guarded("polling events for followers", core.events()::pollFollowers),
                    ms,
                    ms,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Makes a process kind available to {@link #start(RunRequest)}.
     *
     * @throws InvalidInputException when the kind is malformed or already registered
     */
    public void register(ProcessDefinition definition) {
        core.definitions().register(definition);
    }

    /** The registered process definitions, sorted by kind (for the API's run-kind listing). */
    public List<ProcessDefinition> kinds() {
        return core.definitions().all();
    }

    /** A registered process definition. */
    public Optional<ProcessDefinition> definition(String kind) {
        return core.definitions().find(kind);
    }

    /**
     * Whether a run of {@code kind} with these parameters could go now: GO, GO-DEGRADED (which steps would be deferred)
     * or NO-GO (which strict service is down). Starts nothing.
     *
     * @throws InvalidInputException for an unknown kind or invalid parameters
     */
    public PreflightResult preflight(String kind, Map<String, ?> parameters) {
        ProcessDefinition d = core.definitions().require(kind);
        RunParameters p = d.parameters().validate(parameters);
        return Preflight.check(d.steps(p), core.guards());
    }

    /**
     * Starts a run: validates the parameters, stores the run ({@code AWAITING_APPROVAL} when its approval policy needs
     * approvals and it is not a dry run, else {@code QUEUED}) and dispatches it. With {@link Builder#protection}, a real
     * run is planned first (its steps execute as a dry run on this thread, see {@link StepRecord#plannedWrites()}) and
     * its approval policy is the stricter of its kind's and the one the protected targets in that plan need. With an idempotency key that already
     * started a run, returns that run instead, unchanged.
     *
     * @return the stored run (or the one the idempotency key started)
     * @throws InvalidInputException for an unknown kind ("unknown run kind 'x'; known: [...]") or invalid parameters
     * @throws IdempotencyKeyReusedException when the key started a run with a different request or principal
     */
    public Run start(RunRequest request) {
        requireOpen();
        return starter.start(request);
    }

    /**
     * Executes a run as far as it can go now: a queued run starts; a running run continues from its first unfinished
     * step (a step found {@code RUNNING} is executed again, its attempts counting up); a degraded run replays its
     * deferred steps whose services accept calls. Returns when the run ended, waits for approval, was cancelled, or has
     * nothing to replay. Dispatchers call this; callers of the engine normally do not need to.
     *
     * @return the run as stored afterwards
     * @throws NotFoundException for an unknown run
     * @throws IllegalStateException when the engine is closed or closes meanwhile (the run resumes later)
     */
    public Run advance(String runId) {
        return advancer.advance(runId);
    }

    /**
     * Records an approval. Approving twice counts once and is not an error. When the required number of distinct
     * principals approved, the run is queued and dispatched.
     *
     * @param roles the roles the principal holds
     * @param comment why, optional
     * @return the run as stored afterwards
     * @throws NotFoundException for an unknown run
     * @throws NotPermittedException when the principal lacks the policy's role, or requested the run and the policy
     *     forbids self-approval
     * @throws ConflictException when the run is not awaiting approval
     */
    public Run approve(String runId, String principal, Set<String> roles, String comment) {
        requireOpen();
        return approvals.approve(runId, principal, roles, comment);
    }

    /**
     * Rejects (vetoes) a run awaiting approval: it ends {@code CANCELLED} with the reason "rejected by PRINCIPAL:
     * COMMENT" and none of its steps run. Anyone holding the approval policy's role may reject, the requester included
     * (withdrawing a request needs no second person).
     *
     * @param roles the roles the principal holds
     * @param comment why, optional
     * @return the rejected run
     * @throws NotFoundException for an unknown run
     * @throws NotPermittedException when the principal lacks the policy's role
     * @throws ConflictException when the run is not awaiting approval
     */
    public Run reject(String runId, String principal, Set<String> roles, String comment) {
        if (principal == null || principal.isBlank()) {
            throw new InvalidInputException("the rejecting principal is required");
        }
        Set<String> held = roles == null ? Set.of() : Set.copyOf(roles);
        String why = comment == null || comment.isBlank() ? "" : ": " + comment.strip();
        return core.mutate(
                        runId,
                        r -> {
                            if (r.state() != RunState.AWAITING_APPROVAL) {
                                throw new ConflictException(
                                        "run '" + runId + "' is " + r.state() + ", not awaiting approval");
                            }
                            if (!held.contains(r.approvalPolicy().role())) {
                                throw new NotPermittedException("rejecting run '" + runId + "' needs role '"
                                        + r.approvalPolicy().role() + "'; principal '" + principal + "' has "
                                        + new java.util.TreeSet<>(held));
                            }
                            return r.withState(RunState.CANCELLED, "rejected by " + principal + why, core.now());
                        },
                        next -> List.of(core.stateChange(
                                next, RunState.AWAITING_APPROVAL, Map.of("by", principal, "rejected", "true"))))
                .orElseThrow();
    }

    /**
     * Ends a run whose approval window passed: a run still {@code AWAITING_APPROVAL} ends {@code CANCELLED} with the
     * reason "approval expired: WHY" and none of its steps run; its {@code RUN_STATE_CHANGED} event carries {@code
     * expired=true}. A run approved, rejected or cancelled meanwhile is left as it is.
     *
     * @param why what expired, e.g. "not approved within PT24H"
     * @return the expired run, or empty when the run no longer awaited approval
     * @throws NotFoundException for an unknown run
     */
    public Optional<Run> expireApproval(String runId, String why) {
        requireOpen();
        core.load(runId);
        return core.transition(
                runId,
                Set.of(RunState.AWAITING_APPROVAL),
                RunState.CANCELLED,
                "approval expired: " + why,
                Map.of("by", "approval-window", "expired", "true"));
    }

    /**
     * Cancels a run. A run awaiting approval or queued is cancelled at once; none of its steps run. A running run is
     * marked cancelled at once and stops before its next step; its current step, if it executes on this engine, is
     * interrupted (a step blocked waiting is released; one that ignores interrupts finishes, and its outcome is
     * recorded), unless it {@link Step#runsAlways() runs always}. On another replica the current step finishes first.
     * Then, if the run had reached its writing steps, its steps that run always and are not done execute, in order.
     *
     * @return the cancelled run
     * @throws NotFoundException for an unknown run
     * @throws ConflictException when the run already ended (including {@code SUCCEEDED_DEGRADED})
     */
    public Run cancel(String runId, String principal) {
        if (principal == null || principal.isBlank()) {
            throw new InvalidInputException("the cancelling principal is required");
        }
        RunState[] from = new RunState[1];
        Run run = core.mutate(
                        runId,
                        r -> {
                            if (r.state().terminal()) {
                                throw new ConflictException("run '" + runId + "' already ended: " + r.state());
                            }
                            from[0] = r.state();
                            return r.withState(RunState.CANCELLED, "cancelled by " + principal, core.now());
                        },
                        next -> List.of(core.stateChange(next, from[0], Map.of("by", principal))))
                .orElseThrow();
        if (from[0] == RunState.RUNNING) {
            core.inFlight().cancel(runId);
            dispatcher.dispatch(runId); // its steps that run always, even if no engine is executing it now
        }
        return run;
    }

    /**
     * A run by id.
     *
     * @throws NotFoundException when there is none
     */
    public Run run(String runId) {
        return core.load(runId);
    }

    /** A run by id, if it exists. */
    public Optional<Run> find(String runId) {
        return core.store().find(runId);
    }

    /** Runs, newest first. */
    public List<Run> list(RunQuery query) {
        return core.store().list(query);
    }

    /** The stored events of a run after a sequence number (0 for all), in order. */
    public List<RunEvent> events(String runId, long afterSequence) {
        core.load(runId);
        return core.store().events(runId, afterSequence);
    }

    /** Delivers the live events of one run from now on. */
    public Subscription subscribe(String runId, RunListener listener) {
        return core.events().subscribe(runId, listener);
    }

    /** Delivers the live events of every run from now on. */
    public Subscription subscribeAll(RunListener listener) {
        return core.events().subscribeAll(listener);
    }

    /**
     * Follows a run: delivers its stored events with a sequence number above {@code afterSequence} (0 for all), then
     * its live events, strictly in sequence, none twice and none skipped. Made for SSE ({@code Last-Event-ID} is the
     * {@code afterSequence}). Events another replica stores arrive when a later live event reveals the gap, or with
     * {@link Builder#followPollInterval(Duration)}.
     *
     * @throws NotFoundException for an unknown run
     */
    public Subscription follow(String runId, long afterSequence, RunListener listener) {
        core.load(runId);
        return core.events().follow(runId, afterSequence, listener);
    }

    /**
     * Waits until a run ends ({@link RunState#terminal()}) or awaits approval, at most {@code timeout}.
     *
     * @return the run as stored when the wait ended; check its state, the wait may have timed out
     */
    public Run awaitEnd(String runId, Duration timeout) {
        CountDownLatch ended = new CountDownLatch(1);
        try (Subscription s = subscribe(runId, e -> {
            if (e.type() == RunEvent.Type.RUN_STATE_CHANGED
                    && settled(RunState.valueOf(e.data().get("state")))) {
                ended.countDown();
            }
        })) {
            if (!settled(core.load(runId).state())) {
                ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return core.load(runId);
    }

    /**
     * Dispatches every run a previous engine left unfinished: queued and running runs, degraded runs whose replay was
     * cut short, cancelled runs whose steps that run always are not done (the newest 1000 of each state). Call once
     * after building an engine over a durable store.
     *
     * @return the ids of the runs dispatched
     */
    public List<String> resumeUnfinished() {
        requireOpen();
        Set<String> ids = new LinkedHashSet<>();
        for (RunState s : List.of(RunState.RUNNING, RunState.QUEUED)) {
            core.store()
                    .list(new RunQuery(Optional.of(s), Optional.empty(), 1000))
                    .forEach(r -> ids.add(r.id()));
        }
        ids.forEach(dispatcher::dispatch);
        List<String> out = new ArrayList<>(ids);
        out.addAll(
                replayer.replay(null).stream().filter(id -> !ids.contains(id)).toList());
        return out;
    }

    /**
     * Dispatches every degraded run with a deferred step whose services accept calls again. Runs on its own every
     * {@link Builder#replayInterval(Duration)} and whenever a breaker closes.
     *
     * @return the ids of the runs dispatched
     */
    public List<String> replayDeferred() {
        requireOpen();
        return replayer.replay(null);
    }

    /** The store runs are kept in. */
    public RunStore store() {
        return core.store();
    }

    /** The service guards steps call through. */
    public ServiceGuards guards() {
        return core.guards();
    }

    /**
     * Shuts down: no new step starts, executing steps get {@link Builder#shutdownGrace(Duration)} to finish (their
     * outcome is recorded), then the rest are interrupted and left {@code RUNNING} in the store, to be executed again
     * by the next engine ({@link #resumeUnfinished()}). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        core.stop();
        timer.shutdownNow();
        guardSubscription.run();
        core.inFlight().awaitIdle(shutdownGrace);
        core.kill();
        core.inFlight().interruptAll();
        dispatcher.close();
        if (ownsGuards) {
            core.guards().close();
        }
    }

    private static boolean settled(RunState s) {
        return s.terminal() || s == RunState.AWAITING_APPROVAL;
    }

    /** A periodic task that survives a failing round (an exception would cancel all later rounds). */
    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed; trying again next round: {}", what, e.toString());
            }
        };
    }

    private void onTimer(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("run engine is closed");
        }
    }

    /** Builds a {@link RunEngine}. Only {@link #define} is usually needed; everything else has a default. */
    public static final class Builder {
        private RunStore store = new InMemoryRunStore();
        private ServiceGuards guards;
        private final List<ProcessDefinition> definitions = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();
        private final List<RunListener> listeners = new ArrayList<>();
        private Function<RunEngine, RunDispatcher> dispatcher;
        private int workerThreads = 4;
        private Duration replayInterval = Duration.ofSeconds(30);
        private Duration followPollInterval = Duration.ZERO;
        private Duration progressInterval = Duration.ofMillis(250);
        private Duration storeOutageLimit = Duration.ofMinutes(2);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private Protection protection;

        private Builder() {}

        /**
         * Plans every real run before storing it and derives its approvals from the plan: its steps run as a dry run
         * first (reads only), each step's writes (target and operation) are stored with the run, the run waits for the
         * approvals the protected targets among them need (at least those its kind asks for), and while it executes,
         * the ports {@code protection} wrapped refuse any write outside that plan. Without it, runs are not planned
         * and a protected port treats their writes as direct calls.
         */
        public Builder protection(Protection value) {
            this.protection = java.util.Objects.requireNonNull(value, "protection");
            return this;
        }

        /** Where runs are kept; default a new {@link InMemoryRunStore}. */
        public Builder store(RunStore value) {
            this.store = java.util.Objects.requireNonNull(value, "store");
            return this;
        }

        /** The guards steps call through and breakers are watched on; default {@link ServiceGuards#withDefaults()}. */
        public Builder guards(ServiceGuards value) {
            this.guards = java.util.Objects.requireNonNull(value, "guards");
            return this;
        }

        /** Registers process definitions. */
        public Builder define(ProcessDefinition... values) {
            definitions.addAll(List.of(values));
            return this;
        }

        /** Registers process definitions (e.g. every bean of the type). */
        public Builder definitions(java.util.Collection<? extends ProcessDefinition> values) {
            definitions.addAll(values);
            return this;
        }

        /** The clock for timestamps; default UTC system clock. */
        public Builder clock(Clock value) {
            this.clock = java.util.Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Creates run ids; default random UUIDs. Ids must be unique. */
        public Builder idGenerator(Supplier<String> value) {
            this.ids = java.util.Objects.requireNonNull(value, "idGenerator");
            return this;
        }

        /** A listener for every event of every run. */
        public Builder listener(RunListener value) {
            listeners.add(java.util.Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * The dispatcher, created from the engine (so it can call {@link RunEngine#advance(String)}); default a pool of
         * {@link #workerThreads(int)} threads. The function must only keep the reference, not call the engine yet.
         */
        public Builder dispatcher(Function<RunEngine, RunDispatcher> value) {
            this.dispatcher = java.util.Objects.requireNonNull(value, "dispatcher");
            return this;
        }

        /** Threads of the default dispatcher: how many runs execute at once; default 4. */
        public Builder workerThreads(int value) {
            if (value < 1) {
                throw new InvalidInputException("workerThreads must be at least 1, was " + value);
            }
            this.workerThreads = value;
            return this;
        }

        /** How often deferred steps are checked for replay; default 30 s; zero turns the periodic check off. */
        public Builder replayInterval(Duration value) {
            this.replayInterval = nonNegative("replayInterval", value);
            return this;
        }

        /** How often followers read the store for events of other replicas; default zero (off, one engine). */
        public Builder followPollInterval(Duration value) {
            this.followPollInterval = nonNegative("followPollInterval", value);
            return this;
        }

        /** Minimum time between two progress events of a step (the last one always goes out); default 250 ms. */
        public Builder progressInterval(Duration value) {
            this.progressInterval = nonNegative("progressInterval", value);
            return this;
        }

        /**
         * How long an executing run waits for its store when the store is unavailable (a database outage): the step's
         * result is kept and recorded when the store answers again; past this limit the step fails with that reason,
         * recorded once the store is back. Default 2 min.
         */
        public Builder storeOutageLimit(Duration value) {
            Duration d = nonNegative("storeOutageLimit", value);
            if (d.isZero()) {
                throw new InvalidInputException("storeOutageLimit must be a positive duration, was " + d);
            }
            this.storeOutageLimit = d;
            return this;
        }

        /** How long {@link RunEngine#close()} lets executing steps finish before interrupting them; default 10 s. */
        public Builder shutdownGrace(Duration value) {
            this.shutdownGrace = nonNegative("shutdownGrace", value);
            return this;
        }

        /** Builds the engine; it starts watching breakers and, if configured, replaying deferred steps. */
        public RunEngine build() {
            return new RunEngine(this);
        }

        private static Duration nonNegative(String name, Duration d) {
            if (d == null || d.isNegative()) {
                throw new InvalidInputException(name + " must be zero or a positive duration, was " + d);
            }
            return d;
        }
    }
}
