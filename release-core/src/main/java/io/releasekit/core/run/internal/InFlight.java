package io.releasekit.core.run.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The steps executing right now on this engine, so that a cancel can interrupt the one of its run and a shutdown can
 * wait for all of them, then interrupt what is left.
 */
public final class InFlight {

    private final ConcurrentHashMap<String, Execution> byRun = new ConcurrentHashMap<>();
    private final Object idle = new Object();

    /** Registers the calling thread as about to execute a step of the run; see {@link Execution#start()}. */
    Execution begin(String runId) {
        Execution e = new Execution(Thread.currentThread());
        byRun.put(runId, e);
        return e;
    }

    /** The thread is done with the step (recorded or given up). */
    void end(String runId, Execution e) {
        e.finish();
        byRun.remove(runId, e);
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** A person cancelled the run: interrupts its step if it is still executing here. */
    public void cancel(String runId) {
        Execution e = byRun.get(runId);
        if (e != null) {
            e.cancel();
        }
    }

    /**
     * Waits until no step executes, at most {@code grace}.
     *
     * @return whether all steps finished in time
     */
    public boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (idle) {
            while (!byRun.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return byRun.isEmpty();
                }
            }
            return true;
        }
    }

    /** Interrupts every step still executing (engine shutdown after the grace period). */
    public void interruptAll() {
        byRun.values().forEach(Execution::interrupt);
    }

    /** One step execution on one thread: registered, then started (unless cancelled first), then finished. */
    static final class Execution {
        private final Thread thread;
        private boolean running;
        private boolean cancelled;

        Execution(Thread thread) {
            this.thread = thread;
        }

        /**
         * The step is about to execute: from now on a cancel interrupts the thread.
         *
         * @return false if the run was cancelled already, so the step must not execute
         */
        synchronized boolean start() {
            if (cancelled) {
                return false;
            }
            running = true;
            return true;
        }

        synchronized void cancel() {
            cancelled = true;
            interrupt();
        }

        synchronized void interrupt() {
            if (running) {
                thread.interrupt();
            }
        }

        synchronized boolean cancelled() {
            return cancelled;
        }

        synchronized void finish() {
            if (running) {
                running = false;
                // an interrupt meant for the step must not hit the store calls that record its result
                Thread.interrupted();
            }
        }
    }
}
