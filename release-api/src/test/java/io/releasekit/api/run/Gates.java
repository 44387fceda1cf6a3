package io.releasekit.api.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Named gates the {@code test.blocking} step waits at: the first step to arrive at a gate waits until the test opens
 * it (interruptibly, or not, as the gate says); later arrivals pass. Tests see when a step arrived.
 */
final class Gates {

    private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

    private Gates() {}

    /** The gate of that name, created closed. */
    static Gate gate(String name) {
        return GATES.computeIfAbsent(name, n -> new Gate(false));
    }

    /** A closed gate that a waiting step does not leave when interrupted (a step that ignores interrupts). */
    static Gate stubbornGate(String name) {
        return GATES.computeIfAbsent(name, n -> new Gate(true));
    }

    /** One gate. */
    static final class Gate {
        private final boolean stubborn;
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger arrivals =
                new java.util.concurrent.atomic.AtomicInteger();

        private Gate(boolean stubborn) {
            this.stubborn = stubborn;
        }

        /** Called by the step: the first arrival waits until the gate opens. */
        void pass() throws InterruptedException {
            if (arrivals.incrementAndGet() > 1) {
                return;
            }
            arrived.countDown();
            if (!stubborn) {
                open.await();
                return;
            }
            while (true) {
                try {
                    open.await();
                    return;
                } catch (InterruptedException e) {
                    // ignores interrupts, like a step stuck in a call that cannot be interrupted
                }
            }
        }

        /** Waits until a step arrived. */
        boolean awaitArrival(Duration timeout) throws InterruptedException {
            return arrived.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Lets the waiting step (and every later one) through. */
        void open() {
            open.countDown();
        }

        /** How many times a step arrived. */
        int arrivals() {
            return arrivals.get();
        }
    }
}
