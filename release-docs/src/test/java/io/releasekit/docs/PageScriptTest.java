package io.releasekit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: shown outputs, masking, the mapping of a failure back to the page, the "not run" marks. */
class PageScriptTest {

    @TempDir
    Path dir;

    static final List<String> PAGE = List.of(
            "# A page", // 1
            "", // 2
            "```bash", // 3
            "greet() { echo \"hello $1\"; }", // 4
            "greet world", // 5
            "#> hello world", // 6
            "echo run 0b7e4c52-3f3a-4d8e-9c1a-6f2d8e9a7b10 at 2026-12-06T07:06:24.279747Z", // 7
            "#> run 11111111-2222-3333-4444-555555555555 at 2025-01-01T00:00:00Z", // 8
            "```", // 9
            "", // 10
            "<!-- docs-harness: not run: needs a real AWS account -->", // 11
            "```sh", // 12
            "aws sso login", // 13
            "```", // 14
            "", // 15
            "```sh", // 16
            "printf 'a\\nb\\nc\\nlast 1a2b3c4d5e6f\\n'", // 17
            "#> …", // 18
            "#> last 9f8e7d6c5b4a", // 19
            "greet again", // 20
            "#> hello …", // 21
            "```"); // 22

    @Test
    void comparesEachShownOutputMaskedAndCountsCommandsAndMarkedBlocks() throws Exception {
        DocPage page = DocPage.parse("page.md", PAGE);
        PageScript script = PageScript.of(page, "", Map.of());

        Ran ran = run(script);

        assertThat(page.blocks()).hasSize(3);
        assertThat(page.blocks().get(1).notRun()).contains("needs a real AWS account");
        assertThat(script.commands()).isEqualTo(5);
        assertThat(script.shownOutputs()).isEqualTo(4);
        assertThat(script.problems(ran.exit, ran.out, ran.err)).isEmpty();
    }

    @Test
    void aDifferentOutputNamesThePageBlockLineCommandAndWhatWasPrinted() throws Exception {
        List<String> page = PAGE.stream()
                .map(l -> l.equals("#> hello world") ? "#> hello there" : l)
                .toList();
        PageScript script = PageScript.of(DocPage.parse("page.md", page), "", Map.of());

        Ran ran = run(script);

        assertThat(script.problems(ran.exit, ran.out, ran.err))
                .singleElement()
                .asString()
                .startsWith("page.md block 1, line 6: the output differs from the one the page shows")
                .contains(
                        "greet world",
                        "the page shows:\n    hello there",
                        "the command printed (last lines):\n    hello world");
    }

    @Test
    void aFailingCommandInsideAFunctionIsReportedAtTheLineThatCalledIt() throws Exception {
        List<String> page =
                List.of("```bash", "fails() { false; }", "echo fine", "fails", "echo never", "#> never", "```");
        PageScript script = PageScript.of(DocPage.parse("page.md", page), "", Map.of());

        Ran ran = run(script);

        assertThat(ran.exit).isNotZero();
        assertThat(script.problems(ran.exit, ran.out, ran.err))
                .singleElement()
                .asString()
                .startsWith("page.md block 1, line 4: `fails` failed (exit 1)");
    }

    @Test
    void anUnsetVariableFailsThePageAtItsLine() throws Exception {
        List<String> page = List.of("```sh", "echo ok", "curl \"$RUN\"", "```");
        PageScript script = PageScript.of(DocPage.parse("page.md", page), "", Map.of());

        Ran ran = run(script);

        assertThat(script.problems(ran.exit, ran.out, ran.err))
                .singleElement()
                .asString()
                .startsWith("page.md block 1, line 3: `curl \"$RUN\"` failed")
                .contains("RUN: unbound variable");
    }

    @Test
    void masksRunIdsInstantsAndHashesButNothingElse() {
        assertThat(Expected.mask("run 0b7e4c52-3f3a-4d8e-9c1a-6f2d8e9a7b10 at 2026-12-06T07:06:24.279747Z on 1a2b3c4"))
                .isEqualTo("run <uuid> at <time> on <hash>");
        assertThat(Expected.mask("release-0.1.2 2.1.0 deadbeef 1234567"))
                .isEqualTo("release-0.1.2 2.1.0 deadbeef 1234567");
        assertThat(Expected.matches(List.of("a", "…", "z"), "a\nb\nc\nz")).isTrue();
        assertThat(Expected.matches(List.of("b"), "b\nc"))
                .as("the shown lines are the output's end")
                .isFalse();
    }

    @Test
    void aNotRunMarkBeforeAnythingButAShellBlockIsAnError() {
        assertThatThrownBy(() ->
                        DocPage.parse("p.md", List.of("<!-- docs-harness: not run: x -->", "```yaml", "a: 1", "```")))
                .hasMessageContaining("p.md:2: a 'not run' mark before a ```yaml block");
    }

    record Ran(int exit, String out, String err) {}

    private Ran run(PageScript script) throws Exception {
        Path file = dir.resolve("page.sh");
        Files.writeString(file, script.text(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("bash", file.toString())
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(dir.resolve("out")), Files.readString(dir.resolve("err")));
    }
}
