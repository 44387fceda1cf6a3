package io.releasekit.git;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.VersionCommit;
import io.releasekit.git.testkit.GitCli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A history long enough for the lookups to run on several threads (6,000 commits, VERSION changing every 100, two
 * values set twice), built with {@code git fast-import}; every answer is cross-checked with git's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongHistoryTest {

    static final int COMMITS = 6000;

    @TempDir
    static Path tmp;

    Path dir;
    SourceRepository repo;

    @BeforeAll
    void buildHistory() throws Exception {
        dir = tmp.resolve("long.git");
        GitCli.git(tmp, "init", "-q", "--bare", "-b", "main", dir.toString());
        Process p = new ProcessBuilder("git", "-C", dir.toString(), "fast-import", "--quiet")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            for (int i = 0; i < COMMITS; i++) {
                StringBuilder c = new StringBuilder();
                c.append("commit refs/heads/main\nmark :").append(i + 1).append('\n');
                c.append("committer Dev <dev@example.com> ")
                        .append(1_600_000_000L + 60L * i)
                        .append(" +0000\n");
                data(c, "change " + i + "\n");
                if (i > 0) {
                    c.append("from :").append(i).append('\n');
                }
                c.append("M 100644 inline src/m").append(i % 20).append("/f.txt\n");
                data(c, "line " + i + "\n");
                if (i % 100 == 0) {
                    c.append("M 100644 inline VERSION\n");
                    data(c, version(i) + "\n");
                }
                in.write(c.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(
                    "fast-import failed: " + new String(p.getInputStream().readAllBytes()));
        }
        repo = JGitSourceRepository.open(
                GitRepositorySettings.builder("long", dir).build());
    }

    /** 1.0.0, 1.1.0, ..., with 1.5.0 and 1.7.0 set a second time later on. */
    static String version(int i) {
        int block = i / 100;
        if (block == 40) {
            return "1.5.0";
        }
        if (block == 50) {
            return "1.7.0";
        }
        return "1." + block + ".0";
    }

    static void data(StringBuilder out, String s) {
        out.append("data ")
                .append(s.getBytes(StandardCharsets.UTF_8).length)
                .append('\n')
                .append(s);
    }

    @AfterAll
    void close() {
        repo.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.5.0", "1.7.0", "1.33.0", "1.59.0"})
    void findsTheSameCommitAsGit(String version) {
        VersionCommit found = repo.findVersionCommit(version).from("main").call();

        assertThat(found.commitsExamined()).isEqualTo(COMMITS);
        assertThat(found.commit()).isEqualTo(CommitId.of(gitAnswer(version)));
    }

    /** The oldest commit whose VERSION change wrote that content, by git log's raw diff. */
    String gitAnswer(String version) {
        String blob = blobOf(version);
        String found = null;
        String commit = null;
        for (String line : GitCli.git(dir, "log", "--format=%H", "--raw", "--no-abbrev", "main", "--", "VERSION")
                .split("\n")) {
            if (line.length() == 40) {
                commit = line;
            } else if (line.startsWith(":") && line.split("\\s+")[3].equals(blob)) {
                found = commit;
            }
        }
        return found;
    }

    String blobOf(String version) {
        try {
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "hash-object", "--stdin").start();
            try (OutputStream in = p.getOutputStream()) {
                in.write((version + "\n").getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
