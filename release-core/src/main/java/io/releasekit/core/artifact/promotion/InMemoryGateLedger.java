package io.releasekit.core.artifact.promotion;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link GateLedger} in memory: for library use and tests; results are lost on restart. Thread-safe. */
public final class InMemoryGateLedger implements GateLedger {

    private final List<GateResult> results = new ArrayList<>();

    @Override
    public synchronized GateResult record(GateResult result) {
        results.add(result);
        return result;
    }

    @Override
    public synchronized Optional<GateResult> latest(String build, String stage) {
        for (int i = results.size() - 1; i >= 0; i--) {
            GateResult r = results.get(i);
            if (r.build().equals(build) && r.stage().equals(stage)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<GateResult> history(String build) {
        return results.stream().filter(r -> r.build().equals(build)).toList();
    }
}
