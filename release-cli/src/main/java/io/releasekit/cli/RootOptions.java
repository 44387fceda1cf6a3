package io.releasekit.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The options of the {@code releasekit} root, inherited by every command: declared once here for the full tool
 * ({@link Releasekit}) and the verify-only command line ({@link VerifyOnly}), so that both parse and print them alike.
 */
abstract class RootOptions implements Runnable {

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print JSON for machines (one object per line for streams) instead of tables.")
    boolean json;

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "The service's URL (default: RELEASEKIT_URL or url= in the config file).")
    String url;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    RootOptions(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The connection to the service, resolved from the options, the environment and the config file. */
    Connection connection() {
        return Connection.resolve(url, env);
    }
}
