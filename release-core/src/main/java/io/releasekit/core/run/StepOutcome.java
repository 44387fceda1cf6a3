package io.releasekit.core.run;

import java.util.Map;
import java.util.Objects;

/** What a step did. Failures are exceptions; these are the two ways a step ends well. */
public sealed interface StepOutcome permits StepOutcome.Succeeded, StepOutcome.Skipped {

    /** A one-line human summary, shown in the run. */
    String summary();

    /** Values later steps may read through {@link StepContext#output(String)} (a commit id, a tag, a count). */
    Map<String, String> outputs();

    /** The step made its change (or, in a dry run, planned it). */
    static Succeeded succeeded(String summary) {
        return new Succeeded(summary, Map.of());
    }

    /** The step made its change and reports outputs. */
    static Succeeded succeeded(String summary, Map<String, String> outputs) {
        return new Succeeded(summary, outputs);
    }

    /** Nothing was left to do (already done by an earlier attempt, or not applicable). */
    static Skipped skipped(String reason) {
        return new Skipped(reason, Map.of());
    }

    /** Nothing was left to do; outputs still flow to later steps. */
    static Skipped skipped(String reason, Map<String, String> outputs) {
        return new Skipped(reason, outputs);
    }

    /**
     * The step made its change.
     *
     * @param summary what was done
     * @param outputs values for later steps
     */
    record Succeeded(String summary, Map<String, String> outputs) implements StepOutcome {
        public Succeeded {
            Objects.requireNonNull(summary, "summary");
            outputs = Map.copyOf(outputs);
        }
    }

    /**
     * Nothing was left to do.
     *
     * @param summary why
     * @param outputs values for later steps
     */
    record Skipped(String summary, Map<String, String> outputs) implements StepOutcome {
        public Skipped {
            Objects.requireNonNull(summary, "summary");
            outputs = Map.copyOf(outputs);
        }
    }
}
