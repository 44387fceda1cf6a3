package io.releasekit.core.fence;

import io.releasekit.core.internal.ThreadContext;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Fencing for writes made on behalf of a run: the executor that holds a run (a replica's claim on it) binds its
 * {@link Claim} to the thread that advances the run, and every write a step makes is preceded by {@link #check()}, which
 * refuses it with a {@link ClaimLostException} once another executor took the run over. Worker threads a step starts
 * for its writes carry the claim along with {@link #propagate(Callable)}.
 *
 * <pre>{@code
 * try (WriteFence.Binding b = WriteFence.bind(claim)) {
 *     engine.advance(runId); // every store write checks the claim first
 * }
 * }</pre>
 *
 * <p>Without a bound claim (a library user's single engine) {@link #check()} does nothing.
 */
public final class WriteFence {

    private static final ThreadLocal<Claim> CURRENT = new ThreadLocal<>();

    static {
        // core's own pools (Parallel, the guards' time limiter) carry the claim into their threads
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
                    CURRENT.set((Claim) value);
                }
            }
        });
    }

    private WriteFence() {}

    /** An executor's hold on a run. */
    public interface Claim {

        /** The run this claim is on. */
        String runId();

        /**
         * Answers normally while the claim is still held.
         *
         * @throws ClaimLostException once another executor took the run over
         */
        void check();
    }

    /** Undoes a {@link #bind(Claim)}: the thread's previous claim (usually none) is bound again. */
    public interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    /** Binds a claim to the calling thread until the returned binding is closed. */
    public static Binding bind(Claim claim) {
        Objects.requireNonNull(claim, "claim");
        Claim previous = CURRENT.get();
        CURRENT.set(claim);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** The claim bound to the calling thread, if any. */
    public static Optional<Claim> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * Checks the claim bound to the calling thread, if any, before a write.
     *
     * @throws ClaimLostException when the run was taken over by another executor
     */
    public static void check() {
        Claim c = CURRENT.get();
        if (c != null) {
            c.check();
        }
    }

    /** A task that runs with the calling thread's claim (if any) bound, for worker threads of a step. */
    public static <T> Callable<T> propagate(Callable<T> task) {
        Claim c = CURRENT.get();
        if (c == null) {
            return task;
        }
        return () -> {
            try (Binding b = bind(c)) {
                return task.call();
            }
        };
    }
}
