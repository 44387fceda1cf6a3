package io.releasekit.api.run;

import java.time.Duration;

/** What the console's tests need of this package's test processes: the gates test.blocking waits at. */
public final class ConsoleTestHooks {

    /** The store service test.deferrable's strict step needs. */
    public static final String STRICT_SERVICE = TestProcesses.STORE;

    private ConsoleTestHooks() {}

    /** Waits until a run arrived at the gate. */
    public static boolean awaitGate(String gate, Duration timeout) throws InterruptedException {
        return Gates.gate(gate).awaitArrival(timeout);
    }

    /** Lets the run waiting at the gate go on. */
    public static void openGate(String gate) {
        Gates.gate(gate).open();
    }
}
