package io.releasekit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.scm.VersionCommit;
import io.releasekit.git.testkit.RepoFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCacheSettingsTest {

    @TempDir
    Path dir;

    @Test
    void refusesWindowsThatAreNotAPowerOfTwoOrTooSmall() {
        assertThatThrownBy(() -> new GitCacheSettings(1L << 20, 3000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3000");
        assertThatThrownBy(() -> new GitCacheSettings(1L << 20, 48 << 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two");
    }

    @Test
    void refusesALimitSmallerThanOneWindowAndANegativeDeltaCache() {
        assertThatThrownBy(() -> new GitCacheSettings(4096, 8192, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("smaller than one window");
        assertThatThrownBy(() -> new GitCacheSettings(1L << 20, 8192, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void repositoriesWorkWithTheRecommendedCacheInstalled() throws Exception {
        GitCacheSettings.recommended().install();
        try (RepoFixture fixture = RepoFixture.init(dir.resolve("repo"))) {
            fixture.commit("main", "start", "VERSION", "1.0.0\n");
            String second = fixture.commit("main", "Release 1.1.0", "VERSION", "1.1.0\n");
            fixture.commit("main", "work", "a.txt", "a");
            try (SourceRepository repo = fixture.open()) {
                VersionCommit found =
                        repo.findVersionCommit("1.1.0").from("main").call();
                assertThat(found.commit().value()).isEqualTo(second);
            }
        } finally {
            // JGit's defaults again, for the other tests in this JVM
            new org.eclipse.jgit.storage.file.WindowCacheConfig().install();
        }
    }
}
