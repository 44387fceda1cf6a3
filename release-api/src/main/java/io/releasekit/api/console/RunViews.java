package io.releasekit.api.console;

import io.releasekit.core.run.Approval;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A run as the console's templates show it: steps with durations, and the timeline of the steps as SVG bars. */
final class RunViews {

    /** The timeline's drawing width in SVG units (the picture scales to the page). */
    static final int WIDTH = 800;

    static final int ROW = 22;

    static final int LABEL = 160;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RunViews() {}

    /** One step's row. */
    record StepRow(
            String name,
            String state,
            int attempts,
            String started,
            String duration,
            String summary,
            List<String> outputs,
            List<String> planned) {}

    /** One bar of the timeline: where it starts and how wide it is, in SVG units. */
    record Bar(String name, String state, int y, int x, int width, String label) {}

    /** An approval as listed. */
    record ApprovalRow(String principal, String role, String at, String comment) {}

    static List<StepRow> steps(Run run) {
        List<StepRow> rows = new ArrayList<>();
        for (StepRecord s : run.steps()) {
            rows.add(new StepRow(
                    s.name(),
                    s.state().name(),
                    s.attempts(),
                    time(s.startedAt()),
                    duration(s.startedAt(), s.finishedAt()),
                    s.summary(),
                    s.outputs().entrySet().stream()
                            .map(e -> e.getKey() + " = " + e.getValue())
                            .toList(),
                    s.planned()));
        }
        return rows;
    }

    static List<ApprovalRow> approvals(Run run) {
        return run.approvals().stream()
                .map((Approval a) -> new ApprovalRow(a.principal(), a.role(), time(a.at()), a.comment()))
                .toList();
    }

    /**
     * The timeline: one row per step, a bar from its start to its end (or to now while it runs), on a scale from the
     * first step's start to the last end. Steps that have not started have no bar.
     */
    static List<Bar> timeline(Run run, Instant now) {
        Instant first = null;
        Instant last = null;
        for (StepRecord s : run.steps()) {
            if (s.startedAt() != null) {
                first = first == null || s.startedAt().isBefore(first) ? s.startedAt() : first;
                Instant end = s.finishedAt() != null ? s.finishedAt() : now;
                last = last == null || end.isAfter(last) ? end : last;
            }
        }
        List<Bar> bars = new ArrayList<>();
        long span =
                first == null ? 1 : Math.max(1, Duration.between(first, last).toMillis());
        int track = WIDTH - LABEL - 10;
        int y = 0;
        for (StepRecord s : run.steps()) {
            int x = LABEL;
            int width = 0;
            if (s.startedAt() != null) {
                Instant end = s.finishedAt() != null ? s.finishedAt() : now;
                x = LABEL + (int) (Duration.between(first, s.startedAt()).toMillis() * track / span);
                width = Math.max(3, (int) (Duration.between(s.startedAt(), end).toMillis() * track / span));
            }
            bars.add(new Bar(
                    s.name(),
                    s.state().name(),
                    y,
                    x,
                    width,
                    s.name() + ": " + s.state() + " " + orDash(duration(s.startedAt(), s.finishedAt()))));
            y += ROW;
        }
        return bars;
    }

    /** The SVG's height for a run's steps. */
    static int timelineHeight(Run run) {
        return Math.max(ROW, run.steps().size() * ROW);
    }

    static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    static String duration(Instant from, Instant to) {
        if (from == null || to == null) {
            return null;
        }
        long ms = Duration.between(from, to).toMillis();
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String orDash(String s) {
        return s == null ? "" : s;
    }
}
