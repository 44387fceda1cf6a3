package io.releasekit.core.internal;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Carries thread-bound context (the write authority of the step that runs) from a thread that hands work to a pool
 * into the pool's thread: core's own pools ({@code Parallel}, the service guards' time limiter) wrap every task with
 * {@link #carry(Callable)}. Owners of a thread-local register it once with {@link #register}. Not API.
 */
public final class ThreadContext {

    /** A thread-local to carry: how to read it and how to set it (null clears). */
    public interface Carrier {
        /** The current thread's value, or null. */
        Object capture();

        /** Sets the current thread's value (null: clear). */
        void restore(Object value);
    }

    private static final List<Carrier> CARRIERS = new CopyOnWriteArrayList<>();

    private ThreadContext() {}

    /** Registers a thread-local to carry into pools. */
    public static void register(Carrier carrier) {
        CARRIERS.add(carrier);
    }

    /** {@code task} wrapped so that it runs with the calling thread's context, restored afterwards. */
    public static <T> Callable<T> carry(Callable<T> task) {
        if (CARRIERS.isEmpty()) {
            return task;
        }
        Object[] captured = CARRIERS.stream().map(Carrier::capture).toArray();
        return () -> {
            Object[] before = CARRIERS.stream().map(Carrier::capture).toArray();
            set(captured);
            try {
                return task.call();
            } finally {
                set(before);
            }
        };
    }

    /** A supplier-style variant of {@link #carry(Callable)} for code that cannot throw checked exceptions. */
    public static <T> Supplier<T> carry(Supplier<T> task) {
        Callable<T> c = carry((Callable<T>) task::get);
        return () -> {
            try {
                return c.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static void set(Object[] values) {
        for (int i = 0; i < values.length && i < CARRIERS.size(); i++) {
            CARRIERS.get(i).restore(values[i]);
        }
    }
}
