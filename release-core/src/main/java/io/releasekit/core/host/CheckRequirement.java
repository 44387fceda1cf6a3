package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which checks of a commit must pass: the named ones (a workflow name, a check name or a status context, e.g. seed
 * 004's image builds), or, when none are named, every check reported — and at least one must be.
 *
 * <p>When a name was reported several times (a re-run, or a workflow triggered twice), the latest report counts.
 *
 * @param required the names that must pass; empty for "all reported checks"
 */
public record CheckRequirement(List<String> required) {

    public CheckRequirement {
        required = List.copyOf(required);
        for (String r : required) {
            if (r == null || r.isBlank() || r.length() > 200) {
                throw new InvalidInputException("required check name '" + r + "' is refused: 1-200 characters");
            }
        }
    }

    /** Every reported check must pass. */
    public static CheckRequirement allReported() {
        return new CheckRequirement(List.of());
    }

    /** The named checks must pass. */
    public static CheckRequirement of(String... names) {
        return new CheckRequirement(List.of(names));
    }

    /** Evaluates one snapshot against this requirement. */
    public ChecksEvaluation evaluate(CheckSnapshot snapshot) {
        List<CheckRun> latest = latestPerName(snapshot.runs());
        List<CheckRun> considered = required.isEmpty()
                ? latest
                : latest.stream().filter(r -> required.contains(r.name())).toList();
        List<String> missing = required.stream()
                .filter(n -> considered.stream().noneMatch(r -> r.name().equals(n)))
                .toList();
        List<CheckRun> failed = considered.stream()
                .filter(r -> r.state() == CheckRun.State.FAILED)
                .toList();
        List<CheckRun> pending = considered.stream()
                .filter(r -> r.state() == CheckRun.State.PENDING)
                .toList();
        ChecksEvaluation.Verdict verdict;
        if (!failed.isEmpty()) {
            verdict = ChecksEvaluation.Verdict.FAILED;
        } else if (!missing.isEmpty() || !pending.isEmpty() || considered.isEmpty()) {
            verdict = ChecksEvaluation.Verdict.PENDING;
        } else {
            verdict = ChecksEvaluation.Verdict.PASSED;
        }
        return new ChecksEvaluation(verdict, snapshot.ref(), snapshot.sha(), considered, missing, failed, pending);
    }

    private static List<CheckRun> latestPerName(List<CheckRun> runs) {
        Map<String, CheckRun> byKey = new LinkedHashMap<>();
        runs.stream()
                .sorted(Comparator.comparingLong(CheckRun::id))
                .forEach(r -> byKey.put(r.kind() + "\u0000" + r.name(), r));
        List<CheckRun> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparing(CheckRun::kind).thenComparing(CheckRun::name));
        return out;
    }
}
