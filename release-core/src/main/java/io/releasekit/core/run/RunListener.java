package io.releasekit.core.run;

/**
 * Receives the events of runs as they happen. Called on the thread that produced the event, in sequence order for a
 * run, while the engine holds that run's event lock; it must return quickly and never block (hand the event to a queue
 * or a reactive sink), and must not call back into the engine on that thread (approve, cancel, start): hand such work
 * to another thread. An exception it throws is logged and does not disturb the run.
 */
@FunctionalInterface
public interface RunListener {

    /** One event, already stored with its sequence number. */
    void onEvent(RunEvent event);
}
