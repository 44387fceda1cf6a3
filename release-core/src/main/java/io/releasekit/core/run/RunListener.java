package io.releasekit.core.run;

/**
 * Receives the events of runs as they happen. Called on the thread that produced the event, in sequence order for a
 * run; it must return quickly and never block (hand the event to a queue or a reactive sink). An exception it throws is
 * logged and does not disturb the run.
 */
@FunctionalInterface
public interface RunListener {

    /** One event, already stored with its sequence number. */
    void onEvent(RunEvent event);
}
