package io.releasekit.git.testkit;

import java.nio.file.Path;

/**
 * Seed 002's repository (a weekly release train): main, development and security/hotfix, development just merged into
 * main, hotfix with a commit of its own. Shared by release-api's REST test of the seed and release-processes' plain-Java
 * one.
 *
 * @param bare the repository on the git server
 * @param base main's first commit, released as v1.4.0
 * @param feature development's commit
 * @param merge the merge of development into main, the commit to release
 * @param hotfix security/hotfix's own commit
 */
public record TrainHistory(RepoFixture bare, String base, String feature, String merge, String hotfix) {

    /** Writes the history into {@code bare}. */
    public static TrainHistory seed(RepoFixture bare) {
        String base = bare.commit("main", "Operators 1.4.0", "app.py", "workers = 10\n", "requirements.txt", "x==1\n");
        bare.branch("development", base);
        bare.branch("security/hotfix", base);
        String feature = bare.commit("development", "Scale the operators to 10k jobs", "app.py", "workers = 100\n");
        String merge =
                bare.merge("main", "development", "Merge pull request #12 from example/development\n\nWeekly release");
        String hotfix = bare.commit("security/hotfix", "Pin urllib3 (CVE-2026-0001)", "pins.txt", "urllib3==2.6\n");
        return new TrainHistory(bare, base, feature, merge, hotfix);
    }

    /** The bare repository's directory. */
    public Path dir() {
        return bare.gitDir();
    }
}
