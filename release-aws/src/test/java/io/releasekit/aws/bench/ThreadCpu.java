package io.releasekit.aws.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * CPU time of a JVM by kind of thread, read from Linux's {@code /proc/<pid>/stat} and {@code /proc/<pid>/task/<tid>/stat}:
 * {@code jit} (C1/C2 compiler threads), {@code gc} (GC and VM threads) and {@code work}: the rest of the process's
 * time (the threads doing requests, including those that ended since). Separates the work a benchmark measures from a
 * fresh JVM still compiling, which a long-running server or service has done long before. Empty off Linux.
 */
final class ThreadCpu {

    private static final double TICK_MS = 10; // USER_HZ is 100 on every Linux the benchmark runs on

    private ThreadCpu() {}

    /** Milliseconds of CPU (user + system) of {@code pid} so far: {@code total} and per kind of thread. */
    static Map<String, Double> snapshot(long pid) {
        Map<String, Double> ms = new TreeMap<>();
        Path proc = Path.of("/proc", Long.toString(pid));
        Path tasks = proc.resolve("task");
        if (!Files.isDirectory(tasks)) {
            return ms;
        }
        try {
            ms.put("total", cpuMs(Files.readString(proc.resolve("stat"))));
        } catch (IOException e) {
            return ms;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip();
                    kind(name).ifPresent(k -> {
                        try {
                            ms.merge(k, cpuMs(Files.readString(t.resolve("stat"))), Double::sum);
                        } catch (IOException e) {
                            // the thread ended while being read
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return ms;
        }
        return ms;
    }

    /** The process's CPU milliseconds between two snapshots. */
    static long total(Map<String, Double> before, Map<String, Double> after) {
        return Math.round(after.getOrDefault("total", 0.0) - before.getOrDefault("total", 0.0));
    }

    /** {@code after - before} per kind, as {@code work=ms,jit=ms,gc=ms}; work is the total less jit and gc. */
    static String delta(Map<String, Double> before, Map<String, Double> after) {
        long jit = Math.round(after.getOrDefault("jit", 0.0) - before.getOrDefault("jit", 0.0));
        long gc = Math.round(after.getOrDefault("gc", 0.0) - before.getOrDefault("gc", 0.0));
        return "work=" + (total(before, after) - jit - gc) + ",jit=" + jit + ",gc=" + gc;
    }

    /** User + system time from a {@code stat} line; the fields after the command name, which may contain spaces. */
    private static double cpuMs(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS;
    }

    private static Optional<String> kind(String thread) {
        if (thread.startsWith("C1 Compiler") || thread.startsWith("C2 Compiler")) {
            return Optional.of("jit");
        }
        if (thread.startsWith("GC Thread")
                || thread.startsWith("G1 ")
                || thread.startsWith("VM Thread")
                || thread.startsWith("Sweeper")) {
            return Optional.of("gc");
        }
        return Optional.empty();
    }
}
