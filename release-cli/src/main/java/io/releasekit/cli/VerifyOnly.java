package io.releasekit.cli;

import io.releasekit.core.artifact.Verifier;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root of a command line that knows only {@code verify}: the quick path of {@code releasekit verify DIR}, which
 * {@code bench/verify.sh} times against {@code openssl dgst}. Building the model of every command (read from their
 * annotations by reflection) costs more CPU than verifying a small release, so when the arguments name {@code verify}
 * only its own model is built. It has the root's options ({@link RootOptions}) and
 * handlers, so it parses, prints and exits as the full tool does; arguments it does not parse go to the full tool,
 * whose messages (a usage listing every command) the user then sees.
 */
@Command(
        name = "releasekit",
        mixinStandardHelpOptions = true,
        versionProvider = Releasekit.Version.class,
        subcommands = VerifyCommand.class)
final class VerifyOnly extends RootOptions {

    private VerifyOnly(Map<String, String> env) {
        super(env);
    }

    /**
     * The verify-only command line with {@code args} parsed, or null when they are not a {@code verify} it parses
     * (the full tool runs them).
     */
    static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        if (!namesVerify(args)) {
            return null;
        }
        CommandLine cl = Releasekit.configured(new CommandLine(new VerifyOnly(env)), out, err);
        try {
            return cl.parseArgs(args).hasSubcommand() ? cl : null;
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }

    /**
     * Whether the command is {@code verify}: it comes first, after {@code --json} flags only (an option with a value
     * before it, as {@code --url}, leaves the parse to the full tool, which knows every word a value must not be).
     */
    static boolean namesVerify(String... args) {
        for (String arg : args) {
            if (!"--json".equals(arg)) {
                return "verify".equals(arg);
            }
        }
        return false;
    }

    /**
     * Loads what hashing needs (release-core's native shim, which copies itself out of the jar and opens libcrypto) on
     * another thread while this one parses the arguments and reads the manifest.
     */
    static void prepareHashing() {
        Thread t = new Thread(Verifier::hashingEngine, "releasekit-prepare");
        t.setDaemon(true);
        t.start();
    }
}
