package io.releasekit.core.host;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One check reported for a commit: a GitHub Actions workflow run, a check run (one per job or app check), or a
 * legacy commit status.
 *
 * @param kind what reported it
 * @param name the workflow name, check name, or status context
 * @param id the host's id; for several reports of the same name the highest id is the latest
 * @param status {@code queued}, {@code in_progress}, {@code completed} (workflow and check runs), or the state of a
 *     commit status ({@code pending}, {@code success}, {@code failure}, {@code error})
 * @param conclusion {@code success}, {@code failure}, {@code neutral}, {@code skipped}, {@code cancelled}, {@code
 *     timed_out}, {@code action_required}, {@code startup_failure}, {@code stale}; empty while not completed
 * @param url the web page of the run
 */
public record CheckRun(Kind kind, String name, long id, String status, String conclusion, String url) {

    private static final Set<String> GOOD = Set.of("success", "neutral", "skipped");

    /** What reported a check. */
    public enum Kind {
        /** A GitHub Actions workflow run. */
        WORKFLOW,
        /** A check run (an Actions job or a GitHub App check). */
        CHECK,
        /** A legacy commit status. */
        STATUS
    }

    /** Where a check stands. */
    public enum State {
        /** Queued or running. */
        PENDING,
        /** Completed well (success, neutral or skipped). */
        PASSED,
        /** Completed badly (failure, cancellation, time-out, action required, ...). */
        FAILED
    }

    public CheckRun {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        status = status == null ? "" : status.toLowerCase(Locale.ROOT);
        conclusion = conclusion == null ? "" : conclusion.toLowerCase(Locale.ROOT);
        url = url == null ? "" : url;
    }

    /** Where the check stands. */
    public State state() {
        if (kind == Kind.STATUS) {
            return switch (status) {
                case "success" -> State.PASSED;
                case "failure", "error" -> State.FAILED;
                default -> State.PENDING;
            };
        }
        if (!"completed".equals(status)) {
            return State.PENDING;
        }
        return GOOD.contains(conclusion) ? State.PASSED : State.FAILED;
    }

    /** A short description, e.g. {@code workflow "Build images": completed/failure}. */
    public String describe() {
        String s = conclusion.isEmpty() ? status : status + "/" + conclusion;
        return kind.name().toLowerCase(Locale.ROOT) + " \"" + name + "\": " + s;
    }
}
