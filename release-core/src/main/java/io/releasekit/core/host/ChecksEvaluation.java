package io.releasekit.core.host;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The checks of a commit measured against a {@link CheckRequirement}.
 *
 * @param verdict passed, failed, or still pending
 * @param ref the ref that was asked for
 * @param sha the commit
 * @param considered the latest report of every check that counts
 * @param missing required names nothing was reported for yet
 * @param failed checks that completed badly
 * @param pending checks still queued or running
 */
public record ChecksEvaluation(
        Verdict verdict,
        String ref,
        String sha,
        List<CheckRun> considered,
        List<String> missing,
        List<CheckRun> failed,
        List<CheckRun> pending) {

    /** Where the checks stand as a whole. */
    public enum Verdict {
        /** Every check that counts passed. */
        PASSED,
        /** At least one check that counts failed; waiting longer will not help. */
        FAILED,
        /** Checks are still running, or a required one has not been reported yet. */
        PENDING
    }

    public ChecksEvaluation {
        Objects.requireNonNull(verdict, "verdict");
        considered = List.copyOf(considered);
        missing = List.copyOf(missing);
        failed = List.copyOf(failed);
        pending = List.copyOf(pending);
    }

    /** One line for a run's summary, naming what failed or is still missing. */
    public String summary() {
        String commit = sha.length() > 12 ? sha.substring(0, 12) : sha;
        return switch (verdict) {
            case PASSED -> considered.size() + " check(s) passed for " + ref + " (" + commit + ")";
            case FAILED ->
                "check(s) failed for " + ref + " (" + commit + "): "
                        + failed.stream().map(CheckRun::describe).collect(Collectors.joining(", "));
            case PENDING ->
                "waiting for " + ref + " (" + commit + "): "
                        + (considered.isEmpty() && missing.isEmpty() ? "no checks reported yet" : describePending());
        };
    }

    private String describePending() {
        String running = pending.stream().map(CheckRun::describe).collect(Collectors.joining(", "));
        String notYet = missing.isEmpty() ? "" : "not reported yet: " + String.join(", ", missing);
        return running.isEmpty() ? notYet : notYet.isEmpty() ? running : running + "; " + notYet;
    }
}
