package io.releasekit.api.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The "outside world" of the test process kinds: every write a step makes is recorded here, keyed by run and step,
 * with the replica that made it. Shared by every application context of the test JVM, like a real outside system.
 */
final class SideEffects {

    private static final Map<String, List<String>> WRITES = new ConcurrentHashMap<>();

    private SideEffects() {}

    /** Whether the step of the run already wrote (the check of check-before-act). */
    static boolean done(String runId, String step) {
        return !writes(runId, step).isEmpty();
    }

    /** Records one write by a replica. */
    static void write(String runId, String step, String replica) {
        WRITES.computeIfAbsent(key(runId, step), k -> new CopyOnWriteArrayList<>())
                .add(replica);
    }

    /** The replicas that wrote for the step, one entry per write. */
    static List<String> writes(String runId, String step) {
        return WRITES.getOrDefault(key(runId, step), List.of());
    }

    private static String key(String runId, String step) {
        return runId + "/" + step;
    }
}
