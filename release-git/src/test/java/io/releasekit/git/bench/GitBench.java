package io.releasekit.git.bench;

import io.releasekit.core.scm.MoveOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.VersionCommit;
import io.releasekit.git.GitRepositorySettings;
import io.releasekit.git.JGitSourceRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The releasekit side of {@code bench/git.sh}: one operation per JVM (so that JVM start is part of the wall time the
 * script measures), or {@code warm}, which repeats each operation in one JVM and prints the first and the median
 * in-process times.
 *
 * <pre>
 * find-version DIR VERSION        the commit that set VERSION to VERSION, from main
 * tag DIR NAME REVISION           an annotated tag
 * move DIR BRANCH REVISION        a fast-forward-only branch move
 * warm DIR VERSION REVISION       all three, in process: "op first=… median=…" lines
 * </pre>
 */
public final class GitBench {

    private GitBench() {}

    /** Runs one benchmark operation. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
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
        double[] find =
                time(15, () -> repo.findVersionCommit(version).from("main").call());
        double[] tag = new double[30];
        double[] move = new double[30];
        try (Repository raw =
                new FileRepositoryBuilder().setGitDir(dir.toFile()).build()) {
            for (int i = 0; i < tag.length; i++) {
                long t0 = System.nanoTime();
                repo.tag("bench-warm").annotated("bench").at(target).call();
                tag[i] = seconds(t0);
                reset(raw, "refs/tags/bench-warm", null);
                t0 = System.nanoTime();
                MoveOutcome moved = repo.moveBranch("bench-stable").to(target).call();
                move[i] = seconds(t0);
                if (!(moved instanceof MoveOutcome.FastForwarded)) {
                    throw new IllegalStateException("expected a fast-forward, got " + moved);
                }
                reset(raw, "refs/heads/bench-stable", startOfStable);
            }
        }
        print("find-version", find);
        print("tag", tag);
        print("move-branch", move);
    }

    private static double[] time(int runs, Runnable action) {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            action.run();
            times[i] = seconds(t0);
        }
        return times;
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

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void print(String op, double[] times) {
        double first = times[0];
        double[] rest = Arrays.copyOfRange(times, 1, times.length);
        Arrays.sort(rest);
        System.out.printf(Locale.ROOT, "%s first=%.4f median=%.4f%n", op, first, rest[rest.length / 2]);
    }
}
