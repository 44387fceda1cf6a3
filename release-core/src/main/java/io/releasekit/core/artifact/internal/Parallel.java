package io.releasekit.core.artifact.internal;

import java.util.List;

/** The artifact package's name for {@link io.releasekit.core.internal.Parallel}, where the helper lives for all of core. */
public final class Parallel {

    private Parallel() {}

    /** A task that may throw. */
    @FunctionalInterface
    public interface Task<T, R> {
        /** Processes one item. */
        R apply(T item) throws Exception;
    }

    /** See {@link io.releasekit.core.internal.Parallel#map}. */
    public static <T, R> List<R> map(List<T> items, int workers, String threadName, Task<T, R> task) {
        return io.releasekit.core.internal.Parallel.map(items, workers, threadName, task::apply);
    }
}
