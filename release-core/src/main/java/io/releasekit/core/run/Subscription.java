package io.releasekit.core.run;

/** A registered {@link RunListener}; closing it unsubscribes. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Stops delivery to the listener. */
    @Override
    void close();
}
