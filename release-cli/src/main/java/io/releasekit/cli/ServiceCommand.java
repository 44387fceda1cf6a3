package io.releasekit.cli;

import io.releasekit.client.invoker.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the service: it gets the connection, the client and the output from the root command. */
@picocli.CommandLine.Command
abstract class ServiceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private Connection connection;

    RootOptions root() {
        return (RootOptions) spec.root().userObject();
    }

    boolean json() {
        return root().json;
    }

    Connection connection() {
        if (connection == null) {
            connection = root().connection();
        }
        return connection;
    }

    ApiClient client() {
        return connection().client();
    }

    Output output() {
        return new Output(spec.commandLine().getOut());
    }

    java.io.PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error (exit 2) with this command's usage. */
    picocli.CommandLine.ParameterException usage(String message) {
        return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    @Override
    public Integer call() throws Exception {
        return execute();
    }

    abstract int execute() throws Exception;
}
