package io.releasekit.cli;

import io.releasekit.client.model.RunEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a run's events for a person: one line per step start and end, and a progress bar of objects and bytes for
 * STEP_PROGRESS events (redrawn in place on a terminal, one line per update otherwise).
 */
final class ProgressPrinter {

    private static final int BAR = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private boolean barShown;

    ProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void print(RunEvent e) {
        Map<String, String> d = e.getData() == null ? Map.of() : e.getData();
        String type = e.getType() == null ? "?" : e.getType().getValue();
        if (type.equals("STEP_PROGRESS")) {
            String bar = bar(e.getStep(), d);
            if (terminal) {
                out.print("\r" + bar);
                barShown = true;
            } else {
                out.println(bar);
            }
            out.flush();
            return;
        }
        endBar();
        String line =
                switch (type) {
                    case "STEP_STARTED" -> "> " + e.getStep() + " started";
                    case "STEP_FINISHED" ->
                        "+ " + e.getStep() + " "
                                + d.getOrDefault("outcome", "finished").toLowerCase(Locale.ROOT) + summary(d);
                    case "STEP_FAILED" -> "x " + e.getStep() + " failed" + summary(d);
                    case "STEP_DEFERRED" ->
                        "~ " + e.getStep() + " deferred"
                                + (d.containsKey("service") ? " (" + d.get("service") + ")" : "") + summary(d);
                    case "APPROVAL_RECORDED" ->
                        "+ approved by " + d.get("principal") + " (" + d.get("approvals") + "/" + d.get("required")
                                + ")";
                    case "RUN_STATE_CHANGED" ->
                        "= run " + d.get("state") + (d.containsKey("reason") ? ": " + d.get("reason") : "");
                    default -> type + " " + d;
                };
        out.println(line);
        out.flush();
    }

    /** Ends a bar drawn in place, so that the next line starts on its own. */
    void endBar() {
        if (barShown) {
            out.println();
            barShown = false;
        }
    }

    /** E.g. {@code publish [##########----------]  10/20 objects  1.5 MiB}. */
    static String bar(String step, Map<String, String> d) {
        long done = number(d.get("done"));
        long total = number(d.get("total"));
        long bytes = number(d.get("bytes"));
        StringBuilder b = new StringBuilder("  ").append(step).append(" [");
        int filled = total > 0 ? (int) Math.min(BAR, done * BAR / total) : 0;
        b.append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
        b.append(done).append(total >= 0 ? "/" + total : "").append(" objects");
        if (bytes > 0) {
            b.append("  ").append(bytes(bytes));
        }
        return b.toString();
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String summary(Map<String, String> d) {
        String s = d.getOrDefault("summary", d.get("reason"));
        return s == null || s.isBlank() ? "" : ": " + s;
    }

    private static long number(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
