package io.releasekit.core.scm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releasekit.core.InvalidInputException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RefNamesTest {

    static Stream<String> names() {
        return Stream.of(
                "main",
                "release/2.1",
                "aether-2.1",
                "v1.2.3",
                "release-0.1.2",
                "security/hotfix",
                "a..b",
                "-x",
                "x.lock",
                "x/y.lock/z",
                "@{",
                "a@{b",
                "has space",
                "tab\there",
                "nul\u0001",
                "del\u007f",
                "a~1",
                "a^",
                "a:b",
                "a?",
                "a*",
                "a[b",
                "back\\slash",
                "/lead",
                "trail/",
                "double//slash",
                "dot.",
                ".hidden",
                "a/.b",
                "ok.lock-not",
                "ünïcödé",
                "a@b",
                "x".repeat(40));
    }

    @ParameterizedTest
    @MethodSource("names")
    void agreesWithGitCheckRefFormat(String name) throws Exception {
        // --branch alone expands '@' to the current branch, so the full ref is checked as well
        boolean gitSaysValid = gitAccepts("--branch", name) && gitAccepts("refs/heads/" + name);

        assertThat(RefNames.isValidBranchName(name))
                .as("releasekit and git agree on '%s' (git: %s)", name, gitSaysValid)
                .isEqualTo(gitSaysValid);
    }

    private static boolean gitAccepts(String... args) throws Exception {
        String[] command = Stream.concat(Stream.of("git", "check-ref-format"), Stream.of(args))
                .toArray(String[]::new);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0;
    }

    @ParameterizedTest
    @MethodSource("names")
    void tagNamesFollowTheSameRules(String name) {
        assertThat(RefNames.isValidTagName(name)).isEqualTo(RefNames.isValidBranchName(name));
    }

    @org.junit.jupiter.api.Test
    void refusesTheLoneAtSignThatMeansHead() {
        // stricter than git, which accepts refs/heads/@: '@' alone means HEAD in revision syntax
        assertThat(RefNames.isValidBranchName("@")).isFalse();
        assertThat(RefNames.isValidBranchName("HEAD")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void refusesNamesLongerThanAFileNameCanBe() {
        assertThatThrownBy(() -> BranchName.of("b".repeat(300)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("300 characters");
    }

    @org.junit.jupiter.api.Test
    void namesTheBadValueAndTheRuleInTheMessage() {
        assertThatThrownBy(() -> BranchName.of("a..b"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("branch name 'a..b' is not a valid git ref name: it contains '..'");
        assertThatThrownBy(() -> TagName.of("x\u0000y"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x\\u0000y");
    }
}
