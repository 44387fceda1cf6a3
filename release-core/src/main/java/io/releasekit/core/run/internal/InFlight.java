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

    /**
     * Registers the calling thread as about to execute a step of the run; see {@link Execution#start()}.
     *
     * @param interruptibleByCancel false for steps that must run to their end even when the run is cancelled
     */
    Execution begin(String runId, boolean interruptibleByCancel) {
        Execution e = new Execution(Thread.currentThread(), interruptibleByCancel);
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
        private enum Phase {
            REGISTERED,
            RUNNING,
            FINISHED
        }

        private final Thread thread;
        private final boolean interruptibleByCancel;
        private Phase phase = Phase.REGISTERED;
        private boolean cancelled;

        Execution(Thread thread, boolean interruptibleByCancel) {
            this.thread = thread;
            this.interruptibleByCancel = interruptibleByCancel;
        }

        /**
         * The step is about to execute: from now on a cancel interrupts the thread.
         *
         * @return false if the run was cancelled already and the step may be stopped, so it must not execute
         */
        synchronized boolean start() {
            if (cancelled) {
                return false;
            }
            phase = Phase.RUNNING;
            return true;
        }

        /** A person cancelled the run: stops an interruptible step before or while it executes. */
        synchronized void cancel() {
            if (phase == Phase.FINISHED || !interruptibleByCancel) {
                return;
            }
            cancelled = true;
            if (phase == Phase.RUNNING) {
                thread.interrupt();
            }
        }

        /** The engine is going away: interrupts the step whatever it is. */
        synchronized void interrupt() {
            if (phase == Phase.RUNNING) {
                thread.interrupt();
            }
        }

        /** Whether a cancel stopped (or interrupted) this execution. */
        synchronized boolean cancelled() {
            return cancelled;
        }

        synchronized void finish() {
            if (phase == Phase.RUNNING) {
                // an interrupt meant for the step must not hit the store calls that record its result
                Thread.interrupted();
            }
            phase = Phase.FINISHED;
        }
    }
}
