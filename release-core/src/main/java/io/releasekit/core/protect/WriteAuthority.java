package io.releasekit.core.protect;

import io.releasekit.core.internal.ThreadContext;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * On whose behalf a protected port writes right now: a {@link Mode#DIRECT direct} caller (a REST endpoint, a library
 * call outside a run; holds no approvals), a run being {@link Mode#PLANNING planned} (a dry run: real writes are
 * refused, dry-run outcomes are added to the plan), or a {@link Mode#RUN run} executing with its plan and approvals.
 *
 * <p>The run engine binds the authority to the thread that executes a step ({@link #call}); core's thread pools (the
 * parallel copier, the service guards' time limiter) carry it into their threads. A port called on a thread without an
 * authority sees a direct caller, so a context that got lost fails closed: protected writes are refused.
 */
public final class WriteAuthority {

    /** What kind of caller writes. */
    public enum Mode {
        /** Outside any run: no approvals. */
        DIRECT,
        /** A dry run, or the planning before a real run: nothing may be written, dry-run outcomes are planned. */
        PLANNING,
        /** A real run: only planned writes, protected ones only with the approvals their rules ask for. */
        RUN
    }

    private static final WriteAuthority DIRECT =
            new WriteAuthority(Mode.DIRECT, null, null, null, null, List.of(), List.of(), w -> {});
    private static final ThreadLocal<WriteAuthority> CURRENT = new ThreadLocal<>();

    static {
        ThreadContext.register(new ThreadContext.Carrier() {
            @Override
            public Object capture() {
                return CURRENT.get();
            }

            @Override
            public void restore(Object value) {
                if (value == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set((WriteAuthority) value);
                }
            }
        });
    }

    private final Mode mode;
    private final String runId;
    private final String kind;
    private final String step;
    private final String requestedBy;
    private final List<Approver> approvals;
    private final List<PlannedWrite> plan;
    private final Consumer<PlannedWrite> planSink;

    private WriteAuthority(
            Mode mode,
            String runId,
            String kind,
            String step,
            String requestedBy,
            List<Approver> approvals,
            List<PlannedWrite> plan,
            Consumer<PlannedWrite> planSink) {
        this.mode = mode;
        this.runId = runId;
        this.kind = kind;
        this.step = step;
        this.requestedBy = requestedBy;
        this.approvals = List.copyOf(approvals);
        this.plan = List.copyOf(plan);
        this.planSink = planSink;
    }

    /** A caller outside any run. */
    public static WriteAuthority direct() {
        return DIRECT;
    }

    /**
     * A step of a run being planned (a dry run): real writes are refused, dry-run outcomes go to {@code sink}.
     *
     * @param runId the run's id
     * @param kind its kind
     * @param step the step being planned
     * @param requestedBy who asked for the run
     * @param sink receives each write the step's dry run would make
     */
    public static WriteAuthority planning(
            String runId, String kind, String step, String requestedBy, Consumer<PlannedWrite> sink) {
        return new WriteAuthority(
                Mode.PLANNING,
                Objects.requireNonNull(runId, "runId"),
                kind,
                step,
                requestedBy,
                List.of(),
                List.of(),
                Objects.requireNonNull(sink, "sink"));
    }

    /**
     * A step of a real run: it may write what {@code plan} names, protected targets only as far as {@code approvals}
     * satisfy their rules.
     */
    public static WriteAuthority run(
            String runId,
            String kind,
            String step,
            String requestedBy,
            List<Approver> approvals,
            List<PlannedWrite> plan) {
        return new WriteAuthority(
                Mode.RUN, Objects.requireNonNull(runId, "runId"), kind, step, requestedBy, approvals, plan, w -> {});
    }

    /** The authority bound to the current thread, or {@link #direct()}. */
    public static WriteAuthority current() {
        WriteAuthority a = CURRENT.get();
        return a == null ? DIRECT : a;
    }

    /** Runs {@code action} with this authority bound to the current thread, restoring the previous one after. */
    public <T> T call(Callable<T> action) throws Exception {
        WriteAuthority before = CURRENT.get();
        CURRENT.set(this);
        try {
            return action.call();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /** The run's id, null for a direct caller. */
    public String runId() {
        return runId;
    }

    /** The run's kind, null for a direct caller. */
    public String kind() {
        return kind;
    }

    /** The step, null for a direct caller. */
    public String step() {
        return step;
    }

    /** Who asked for the run, null for a direct caller. */
    public String requestedBy() {
        return requestedBy;
    }

    /** The run's approvals (empty when planning or direct). */
    public List<Approver> approvals() {
        return approvals;
    }

    /** The run's plan (empty when planning or direct). */
    public List<PlannedWrite> plan() {
        return plan;
    }

    /** Adds a write a dry run would make to the plan being made; ignored unless {@link Mode#PLANNING}. */
    public void planned(PlannedWrite write) {
        if (mode == Mode.PLANNING) {
            planSink.accept(write);
        }
    }

    /**
     * Whether the plan names this write: the same target and operation, or for a store, a planned {@code <prefix>*}
     * (keys a dry run could not name) with the write's key below that prefix.
     */
    public boolean plans(PlannedWrite write) {
        return plan.stream().anyMatch(p -> covers(p, write));
    }

    /** Whether planned write {@code p} covers {@code w}. */
    public static boolean covers(PlannedWrite p, PlannedWrite w) {
        if (p.same(w)) {
            return true;
        }
        return p.operation() == w.operation()
                && p.target() instanceof ProtectedTarget.StoreObject ps
                && w.target() instanceof ProtectedTarget.StoreObject ws
                && ps.store().equals(ws.store())
                && ps.key().endsWith("*")
                && ws.key().startsWith(ps.key().substring(0, ps.key().length() - 1));
    }

    /** The caller in messages and log lines. */
    public String describe() {
        return switch (mode) {
            case DIRECT -> "a direct call outside a run (no approvals)";
            case PLANNING -> "the dry run of step '" + step + "' of run " + runId + " (" + kind + ")";
            case RUN ->
                "step '" + step + "' of run " + runId + " (" + kind + ") requested by '" + requestedBy
                        + "' with approvals "
                        + approvals.stream().map(Approver::principal).toList();
        };
    }
}
