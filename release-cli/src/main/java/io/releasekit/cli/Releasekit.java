package io.releasekit.cli;

import io.releasekit.client.invoker.ApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code releasekit}: the command-line tool for scripts and release managers. Every command but {@code verify} talks to
 * a running service through the generated client; {@code verify} checks local files in this process.
 */
@Command(
        name = "releasekit",
        mixinStandardHelpOptions = true,
        versionProvider = Releasekit.Version.class,
        description = "Release runs, approvals, preflights and versions from the command line; verify files locally.",
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  RELEASEKIT_URL     the service, e.g. http://127.0.0.1:8080 (or --url, or url= in the config file)",
            "  RELEASEKIT_TOKEN   the bearer token (or token= in the config file)",
            "  RELEASEKIT_CONFIG  the config file (default ~/.config/releasekit/config; must be chmod 600)",
            "",
            "See docs/cli.md."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success; with --follow, the run SUCCEEDED.",
            "1:verify: a file is missing or does not match.",
            "2:Bad flag, argument or parameter.",
            "3:--follow: the run FAILED.",
            "4:--follow: the run was CANCELLED or rejected.",
            "5:--follow: the run is AWAITING_APPROVAL.",
            "6:--follow: the run SUCCEEDED_DEGRADED.",
            "7:The service answered with an error.",
            "8:The service cannot be reached, or the URL, token or config file is missing or unsafe."
        },
        subcommands = {
            RunsCommand.class,
            PreflightCommand.class,
            KindsCommand.class,
            ServicesCommand.class,
            VersionsCommand.class,
            VerifyCommand.class,
            CdsTraining.class,
            CommandLine.HelpCommand.class
        })
public final class Releasekit extends RootOptions {

    /** The tool reading its settings from the process environment. */
    public Releasekit() {
        this(System.getenv());
    }

    /** The tool reading its settings from {@code env}. */
    public Releasekit(Map<String, String> env) {
        super(env);
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        if (VerifyOnly.namesVerify(args)) {
            VerifyOnly.prepare();
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(System.getenv(), out, err, args);
        out.flush();
        err.flush();
        SelectorThreads.stop(); // else the JVM's exit waits 0.3 s for the HTTP client's selector thread
        System.exit(code);
    }

    /**
     * Runs the tool with an environment and writers (tests call this) and returns the exit code. A {@code verify}
     * whose arguments parse is run by a command line that holds only that command ({@link VerifyOnly}): the model
     * of every other command is not built; anything else, including every parse error, by the full one.
     */
    public static int execute(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine verifyOnly = VerifyOnly.commandLine(env, out, err, args);
        return verifyOnly != null
                ? verifyOnly.execute(args)
                : commandLine(env, out, err).execute(args);
    }

    /** The configured command line with every command. */
    static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err) {
        return configured(new CommandLine(new Releasekit(env)), out, err);
    }

    /** The writers and handlers every command line of the tool has. */
    static CommandLine configured(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd.getErr()));
        return cl;
    }

    /** One line on stderr for a failure, and its exit code. */
    static int report(Exception e, PrintWriter err) {
        if (e instanceof CliException c) {
            err.println("releasekit: " + c.getMessage());
            return c.exitCode();
        }
        if (e instanceof ApiException a) {
            if (a.getCode() == 0) {
                return report(a.getCause() instanceof Exception c ? c : new IOException(a.getMessage()), err);
            }
            err.println("releasekit: " + Problems.describe(a));
            return ExitCodes.SERVICE_ERROR;
        }
        if (e instanceof ConnectException || e instanceof HttpTimeoutException) {
            err.println("releasekit: cannot reach the service: " + e);
            return ExitCodes.NOT_CONNECTED;
        }
        if (e instanceof IOException io) {
            err.println("releasekit: " + io);
            return ExitCodes.NOT_CONNECTED;
        }
        err.println("releasekit: " + e);
        return ExitCodes.SERVICE_ERROR;
    }

    /** The tool's version, from the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Releasekit.class.getPackage().getImplementationVersion();
            return new String[] {"releasekit " + (v == null ? "(development build)" : v)};
        }
    }
}
