package io.releasekit.git.bench;

import io.releasekit.core.scm.MoveOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.VersionCommit;
import io.releasekit.git.GitCacheSettings;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The releasekit side of {@code bench/git.sh}: one operation per JVM (so that JVM start is part of the wall time the
 * script measures), or {@code warm}, which repeats each operation in one JVM and prints the first wall time and the
 * median wall and process CPU times of the others.
 *
 * <pre>
 * find-version DIR VERSION        the commit that set VERSION to VERSION, from main
 * tag DIR NAME REVISION           an annotated tag
 * move DIR BRANCH REVISION        a fast-forward-only branch move
 * warm DIR VERSION REVISION       all three, in process: "op first=… median=… cpu=…" lines
 * </pre>
 */
public final class GitBench {

    private GitBench() {}

    /** Runs one benchmark operation. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        // as the service does at start-up (and docs/git.md recommends to library users)
        GitCacheSettings.recommended().install();
        try (SourceRepository repo = JGitSourceRepository.open(
                GitRepositorySettings.builder("bench", dir).build())) {
            switch (args[0]) {
                case "find-version" -> {
                    VersionCommit c =
                            repo.findVersionCommit(args[2]).from("main").call();
                    System.out.println(c.commit() + " examined=" + c.commitsExamined());
                }
                case "tag" ->
                    System.out.println(
                            repo.tag(args[2]).annotated("bench").at(args[3]).call());
                case "move" ->
                    System.out.println(repo.moveBranch(args[2]).to(args[3]).call());
                case "warm" -> warm(repo, dir, args[2], args[3]);
                default -> throw new IllegalArgumentException("unknown operation " + args[0]);
            }
        }
    }

    private static void warm(SourceRepository repo, Path dir, String version, String target) throws IOException {
        String startOfStable = repo.resolve("bench-stable").value();
        Timings find = new Timings(15);
        for (int i = 0; i < 15; i++) {
            find.start();
            repo.findVersionCommit(version).from("main").call();
            find.stop(i);
        }
        Timings tag = new Timings(30);
        Timings move = new Timings(30);
        try (Repository raw =
                new FileRepositoryBuilder().setGitDir(dir.toFile()).build()) {
            for (int i = 0; i < 30; i++) {
                tag.start();
                repo.tag("bench-warm").annotated("bench").at(target).call();
                tag.stop(i);
                reset(raw, "refs/tags/bench-warm", null);
                move.start();
                MoveOutcome moved = repo.moveBranch("bench-stable").to(target).call();
                move.stop(i);
                if (!(moved instanceof MoveOutcome.FastForwarded)) {
                    throw new IllegalStateException("expected a fast-forward, got " + moved);
                }
                reset(raw, "refs/heads/bench-stable", startOfStable);
            }
        }
        find.print("find-version");
        tag.print("tag");
        move.print("move-branch");
    }

    private static void reset(Repository raw, String ref, String id) throws IOException {
        RefUpdate u = raw.updateRef(ref);
        u.setForceUpdate(true);
        if (id == null) {
            u.delete();
        } else {
            u.setNewObjectId(ObjectId.fromString(id));
            u.update();
        }
    }

    /** Wall and process CPU time (every thread: the lookups, JIT and GC) of each repetition. */
    private static final class Timings {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final double[] wall;
        private final double[] cpu;
        private long t0;
        private long c0;

        Timings(int runs) {
            wall = new double[runs];
            cpu = new double[runs];
        }

        void start() {
            c0 = OS.getProcessCpuTime();
            t0 = System.nanoTime();
        }

        void stop(int i) {
            wall[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (OS.getProcessCpuTime() - c0) / 1e9;
        }

        void print(String op) {
            System.out.printf(
                    Locale.ROOT,
                    "%s first=%.4f median=%.4f cpu=%.4f%n",
                    op,
                    wall[0],
                    medianAfterFirst(wall),
                    medianAfterFirst(cpu));
        }

        private static double medianAfterFirst(double[] values) {
            double[] rest = Arrays.copyOfRange(values, 1, values.length);
            Arrays.sort(rest);
            return rest[rest.length / 2];
        }
    }
}
