package io.releasekit.cli;

import io.releasekit.core.artifact.Verifier;
import io.releasekit.core.service.ServiceGuards;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final AtomicReference<FutureTask<ServiceGuards>> PREPARED = new AtomicReference<>();

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
     * Makes what a verification needs on another thread while this one parses the arguments: first the service
     * guards (Resilience4j's registries, see {@link #guards()}), then release-core's native shim (copied out of the jar,
     * it opens libcrypto), which the hashing needs after the manifest is read.
     */
    static void prepare() {
        FutureTask<ServiceGuards> guards = new FutureTask<>(ServiceGuards::withDefaults);
        PREPARED.set(guards);
        Thread t = new Thread(
                () -> {
                    guards.run();
                    Verifier.hashingEngine();
                },
                "releasekit-prepare");
        t.setDaemon(true);
        t.start();
    }

    /** The guards {@link #prepare()} made, the first time they are asked for; else new ones. */
    static ServiceGuards guards() {
        FutureTask<ServiceGuards> prepared = PREPARED.getAndSet(null);
        if (prepared == null) {
            return ServiceGuards.withDefaults();
        }
        try {
            return prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the service guards were made", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot make the service guards", e.getCause());
        }
    }
}
