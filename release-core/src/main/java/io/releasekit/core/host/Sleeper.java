package io.releasekit.core.host;

import java.time.Duration;

/** Waits; production code sleeps the thread, tests advance a clock instead. */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration}. */
    void sleep(Duration duration) throws InterruptedException;

    /** Sleeps the current thread. */
    static Sleeper threadSleep() {
        return d -> Thread.sleep(d.toMillis());
    }
}
