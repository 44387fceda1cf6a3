package io.releasekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.cli.CliService.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify-only command line ({@link VerifyOnly}) that runs {@code releasekit verify}: it takes exactly the
 * arguments it parses as the full tool does, and the tool answers every command line, good or bad, as the full one.
 */
class VerifyOnlyTest {

    private static final Map<String, String> NO_SERVICE = Map.of("HOME", "/nonexistent");

    @TempDir
    Path dir;

    @BeforeEach
    void release() throws Exception {
        byte[] data = "contents".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("a.bin"), data);
        Files.write(dir.resolve("b.bin"), data);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        Files.writeString(dir.resolve("SHA256SUMS"), sha + "  a.bin\n" + sha + "  b.bin\n" + sha + "  gone.bin\n");
    }

    @Test
    void takesTheVerifyCommandsItParses() {
        String d = dir.toString();

        assertThat(takes("verify", d)).isTrue();
        assertThat(takes("--json", "verify", "--quiet", d, "--workers", "1")).isTrue();
        assertThat(takes("verify", d, "--json", "-m", "SHA256SUMS")).isTrue();
        assertThat(takes("verify", "--help")).isTrue();
        assertThat(takes("verify")).as("DIR missing: the full tool reports it").isFalse();
        assertThat(takes("verify", d, "--no-such-flag")).isFalse();
        assertThat(takes("verify", d, "extra")).isFalse();
        assertThat(takes("--url", "http://x", "verify", d))
                .as("an option with a value first")
                .isFalse();
        assertThat(takes("--help")).isFalse();
        assertThat(takes("runs", "list")).isFalse();
        assertThat(takes()).isFalse();
    }

    @Test
    void answersEveryCommandLineAsTheFullTool() {
        String d = dir.toString();
        List<String[]> lines = List.of(
                new String[] {"verify", d},
                new String[] {"verify", "--quiet", d},
                new String[] {"verify", d, "--workers", "1", "--quiet"},
                new String[] {"verify", d, "--manifest", "SHA512SUMS"},
                new String[] {"verify", dir.resolve("nope").toString()},
                new String[] {"verify", d, "--workers", "0"},
                new String[] {"verify", d, "--workers", "many"},
                new String[] {"verify", "--help"},
                new String[] {"verify", "-h"},
                new String[] {"verify"},
                new String[] {"verify", d, "--no-such-flag"},
                new String[] {"verify", d, "runs"},
                new String[] {"verify", d, "-m"},
                new String[] {"--json", "verify", "--bad"},
                new String[] {"--help"},
                new String[] {"--version"});
        for (String[] args : lines) {
            Result routed = Result.of(NO_SERVICE, args);
            Result full = full(args);

            assertThat(routed).as(String.join(" ", args)).isEqualTo(full);
        }
    }

    @Test
    void theJsonReportIsTheFullToolsButForItsTiming() {
        String[] args = {"--json", "verify", dir.toString()};

        Result routed = Result.of(NO_SERVICE, args);
        Result full = full(args);

        assertThat(routed.code()).isEqualTo(ExitCodes.VERIFY_FAILED).isEqualTo(full.code());
        assertThat(withoutTiming(routed.out()))
                .contains("\"status\":\"MISSING\"")
                .isEqualTo(withoutTiming(full.out()));
    }

    @Test
    void theToolsHelpStillListsEveryCommand() {
        Result help = Result.of(NO_SERVICE, "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("runs", "preflight", "kinds", "services", "versions", "verify", "help");
    }

    private static boolean takes(String... args) {
        StringWriter sink = new StringWriter();
        PrintWriter w = new PrintWriter(sink);
        return VerifyOnly.commandLine(NO_SERVICE, w, w, args) != null;
    }

    private static Result full(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Releasekit.commandLine(NO_SERVICE, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String withoutTiming(String json) {
        return json.replaceAll("\"elapsedMillis\":\\d+", "\"elapsedMillis\":0");
    }
}
