package io.releasekit.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks on a bounded pool of daemon threads and answers their results in order; the first failure wins. Shared by
 * every core package that works in parallel (artifacts, images); the calling thread's context (write authority, run
 * claim) goes along into the pool through {@link ThreadContext}.
 */
public final class Parallel {

    private Parallel() {}

    /** A task that may throw. */
    @FunctionalInterface
    public interface Task<T, R> {
        /** Processes one item. */
        R apply(T item) throws Exception;
    }

    /**
     * Applies {@code task} to every item, at most {@code workers} at a time. When one fails, no further item starts,
     * the running ones are interrupted, and the failure is rethrown only once every task has ended — so nothing a task
     * does (a write, a copy) can happen after this method returned, e.g. while a rerun already started. The failure
     * is rethrown unchecked as it was, an {@link IOException} as {@link UncheckedIOException}.
     */
    public static <T, R> List<R> map(List<T> items, int workers, String threadName, Task<T, R> task) {
        if (items.isEmpty()) {
            return List.of();
        }
        int n = Math.max(1, Math.min(workers, items.size()));
        AtomicInteger seq = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, threadName + "-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                Callable<R> c = () -> {
                    if (failed.get()) {
                        throw new CancellationException("an earlier item failed");
                    }
                    try {
                        return task.apply(item);
                    } catch (Exception | Error e) {
                        firstFailure.compareAndSet(null, e);
                        failed.set(true);
                        throw e;
                    }
                };
                futures.add(pool.submit(ThreadContext.carry(c))); // the step's write authority and run claim go along
            }
            List<R> out = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                try {
                    out.add(await(f));
                } catch (CancellationException e) {
                    // an item skipped because another failed: the failure that stopped them is the one to report
                    throw firstFailure.get() == null ? e : unchecked(firstFailure.get());
                }
            }
            return out;
        } finally {
            failed.set(true);
            pool.shutdownNow();
            awaitEnd(pool, threadName);
        }
    }

    /** Waits for the tasks still running to end; a task that ignores its interrupt is waited for, with a warning. */
    private static void awaitEnd(ExecutorService pool, String threadName) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (pool.awaitTermination(30, TimeUnit.SECONDS)) {
                        return;
                    }
                    System.getLogger(Parallel.class.getName())
                            .log(
                                    System.Logger.Level.WARNING,
                                    "{0} tasks still running 30 s after they were interrupted; waiting for them",
                                    threadName);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException unchecked(Throwable c) {
        if (c instanceof RuntimeException re) {
            return re;
        }
        if (c instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        if (c instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(c);
    }

    private static <R> R await(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
