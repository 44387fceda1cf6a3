package io.releasekit.cli;

import io.releasekit.client.api.ServicesApi;
import io.releasekit.client.model.Service;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code releasekit services}: outside services and their circuit breakers. */
@Command(
        name = "services",
        mixinStandardHelpOptions = true,
        description = "List the outside services and the states of their circuit breakers.")
final class ServicesCommand extends ServiceCommand {

    @Override
    int execute() throws Exception {
        List<Service> services = new ServicesApi(client()).listServices();
        if (json()) {
            output().json(services);
            return ExitCodes.OK;
        }
        Output.Table t = output().table("SERVICE", "STATE", "FAILURE-RATE", "CALLS", "FAILED", "REFUSED");
        for (Service s : services) {
            Float rate = s.getFailureRate();
            t.row(
                    s.getService(),
                    s.getState(),
                    rate == null || rate < 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", rate),
                    s.getBufferedCalls(),
                    s.getFailedCalls(),
                    s.getNotPermittedCalls());
        }
        t.print();
        return ExitCodes.OK;
    }
}
