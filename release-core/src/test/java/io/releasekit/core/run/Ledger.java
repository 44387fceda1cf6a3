package io.releasekit.core.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An outside system a step writes to, the way real steps must: check before act, keyed by the step's idempotency key.
 * Counts how often each key was executed and how often it was actually written, so tests can prove exactly-once.
 */
final class Ledger {

    private final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();

    /** The idempotent write of a step: skipped when already done, planned in a dry run. */
    StepOutcome write(StepContext ctx) {
        return write(ctx, Map.of());
    }

    /** The idempotent write of a step with outputs. */
    StepOutcome write(StepContext ctx, Map<String, String> outputs) {
        String key = ctx.idempotencyKey();
        executions.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (ctx.dryRun()) {
            ctx.plan("write " + key);
            return StepOutcome.succeeded("would write " + key, outputs);
        }
        if (writes.containsKey(key)) {
            return StepOutcome.skipped("already written " + key, outputs);
        }
        writes.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        order.add(ctx.stepName());
        return StepOutcome.succeeded("wrote " + key, outputs);
    }

    /** How often the key was written (1 = exactly once). */
    int writes(String key) {
        AtomicInteger n = writes.get(key);
        return n == null ? 0 : n.get();
    }

    /** How often the step with that key was executed. */
    int executions(String key) {
        AtomicInteger n = executions.get(key);
        return n == null ? 0 : n.get();
    }

    /** All written keys with their counts. */
    Map<String, Integer> allWrites() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        writes.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Step names in the order they wrote. */
    List<String> order() {
        return order;
    }
}
