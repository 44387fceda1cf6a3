package io.releasekit.core.run.internal;

import io.releasekit.core.run.RunDispatcher;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link RunDispatcher}: advances runs on a fixed number of daemon threads in this process. Runs beyond
 * the thread count wait in an unbounded queue of run ids. Dispatches after {@link #close()} are dropped; the runs stay
 * stored and are picked up by {@code resumeUnfinished()} on the next engine.
 */
public final class ThreadPoolRunDispatcher implements RunDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ThreadPoolRunDispatcher.class);

    private final Consumer<String> advance;
    private final ExecutorService pool;

    /**
     * A dispatcher with {@code threads} worker threads.
     *
     * @param advance what to call with a run id (the engine's {@code advance})
     */
    public ThreadPoolRunDispatcher(Consumer<String> advance, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("worker threads must be at least 1, was " + threads);
        }
        this.advance = advance;
        AtomicInteger n = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "releasekit-run-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public void dispatch(String runId) {
        try {
            pool.execute(() -> {
                try {
                    advance.accept(runId);
                } catch (IllegalStateException e) {
                    log.debug("run {} not advanced: {}", runId, e.getMessage());
                } catch (RuntimeException e) {
                    log.error("advancing run {} failed", runId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("dispatcher closed; run {} stays stored for the next engine", runId);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("run threads did not stop within 5 s of being interrupted");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
