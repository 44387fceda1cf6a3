package io.releasekit.core.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.service.ServiceGuards;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core commands check every argument when it is set, so an adapter never sees a bad one. */
class ScmCommandsTest {

    final AtomicInteger executed = new AtomicInteger();

    final class Tag extends TagCommand {
        Tag(String name) {
            super(name);
        }

        @Override
        protected TagOutcome execute() {
            executed.incrementAndGet();
            return new TagOutcome.Created(
                    tag(), CommitId.of("a".repeat(40)), message().isPresent());
        }
    }

    final class Pick extends CherryPickCommand {
        Pick(String branch) {
            super(branch);
        }

        @Override
        protected PickOutcome execute() {
            executed.incrementAndGet();
            return new PickOutcome.AlreadyApplied(branch(), CommitId.of("b".repeat(40)), List.of());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "-x", "x.lock", "@{", "a b", "a\u0007b", "/x", "x/", "a//b", "HEAD"})
    void refusesBadBranchNamesWhenTheCommandIsMade(String bad) {
        assertThatThrownBy(() -> new Pick(bad)).isInstanceOf(InvalidInputException.class);
        assertThat(executed).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"main~1", "main^", "HEAD@{1}", ":/message", "a..b", "-rf"})
    void refusesRevisionExpressions(String bad) {
        assertThatThrownBy(() -> new Tag("v1").at(bad)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Pick("b").commit(bad)).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "HEAD", "refs/heads/main", "v1.2.0", "release/2.1", "abcdef0", "ABCDEF0123456789"})
    void acceptsRevisions(String good) {
        assertThat(new Tag("v1").at(good).call()).isInstanceOf(TagOutcome.Created.class);
    }

    @Test
    void runsOnceAndOnlyAfterItsChecks() {
        Pick pick = new Pick("aether-2.1");
        assertThatThrownBy(pick::call)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no commit to cherry-pick");
        assertThat(executed).hasValue(0);
        assertThatThrownBy(pick::call).isInstanceOf(IllegalStateException.class);

        Tag tag = new Tag("v1.0.0");
        tag.annotated("Release").call();
        assertThatThrownBy(tag::call).isInstanceOf(IllegalStateException.class);
        assertThat(executed).hasValue(1);
    }

    @Test
    void refusesBadMessagesPathsAndRemotes() {
        assertThatThrownBy(() -> new Tag("v1").annotated(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Tag("v1").annotated("a\0b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Pick("b").versionFile("/etc/passwd")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Pick("b").versionFile("a/../b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ScmArguments.remote("origin; rm -rf /")).isInstanceOf(InvalidInputException.class);
        assertThat(ScmArguments.remote("upstream-2")).isEqualTo("upstream-2");
        assertThatThrownBy(() -> new Pick("b").commits(java.util.Collections.nCopies(101, "main")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at most 100");
    }

    @Test
    void aRegistryNamesUnknownRepositoriesAndOpensEachOnce() {
        AtomicInteger opened = new AtomicInteger();
        SourceRepositories registry = SourceRepositories.lazy(
                Map.of("charts", () -> {
                    opened.incrementAndGet();
                    return null;
                }),
                ServiceGuards.withDefaults());
        assertThatThrownBy(() -> registry.get("nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("repository 'nope' is not configured; configured: [charts]");
        assertThatThrownBy(() -> registry.get("charts")).isInstanceOf(NullPointerException.class);
        assertThat(registry.names()).containsExactly("charts");
        assertThat(registry.contains("charts")).isTrue();
        assertThat(opened).hasValue(1);
    }
}
