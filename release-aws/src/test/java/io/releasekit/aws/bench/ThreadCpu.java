package io.releasekit.aws.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of a JVM's threads by kind, read from Linux's {@code /proc/<pid>/task/<tid>/stat}: {@code jit} (C1/C2
 * compiler threads), {@code gc} (GC and VM threads) and {@code work} (everything else: the threads doing requests).
 * Separates the work a benchmark measures from a fresh JVM still compiling, which a long-running server or service
 * has done long before. Threads that ended between two snapshots are lost, so the kinds may add up to a little less
 * than the process's CPU time. Empty off Linux.
 */
final class ThreadCpu {

    private static final double TICK_MS = 10; // USER_HZ is 100 on every Linux the benchmark runs on

    private ThreadCpu() {}

    /** Milliseconds of CPU (user + system) per kind of thread of {@code pid} so far. */
    static Map<String, Double> snapshot(long pid) {
        Map<String, Double> ms = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return ms;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip();
                    String stat = Files.readString(t.resolve("stat"));
                    // fields after the command name, which is in parentheses and may contain spaces
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS;
                    ms.merge(kind(name), cpu, Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return ms;
        }
        return ms;
    }

    /** {@code after - before} per kind, as {@code kind=ms,kind=ms}. */
    static String delta(Map<String, Double> before, Map<String, Double> after) {
        StringBuilder sb = new StringBuilder();
        for (String kind : new String[] {"work", "jit", "gc"}) {
            double d = after.getOrDefault(kind, 0.0) - before.getOrDefault(kind, 0.0);
            sb.append(sb.isEmpty() ? "" : ",").append(kind).append('=').append(Math.round(d));
        }
        return sb.toString();
    }

    private static String kind(String thread) {
        if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (thread.startsWith("GC Thread")
                || thread.startsWith("G1 ")
                || thread.startsWith("VM Thread")
                || thread.startsWith("Sweeper")) {
            return "gc";
        }
        return "work";
    }
}
