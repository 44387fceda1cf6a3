package io.releasekit.cli;

import io.releasekit.client.api.RunsApi;
import io.releasekit.client.model.Preflight;
import io.releasekit.client.model.PreflightRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code releasekit preflight KIND}: could a run of this kind go now? */
@Command(
        name = "preflight",
        mixinStandardHelpOptions = true,
        description = "Ask whether a run of KIND could go now: GO, GO-DEGRADED (steps that would be deferred) or"
                + " NO-GO (strict services down). Exits 0 whatever the verdict; read it from the output.")
final class PreflightCommand extends ServiceCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "The run kind (see `releasekit kinds`).")
    String kind;

    @Option(
            names = {"-p", "--param"},
            paramLabel = "KEY=VALUE",
            description = "A run parameter; repeat for more (some kinds' steps depend on them).")
    List<String> params = List.of();

    @Override
    int execute() throws Exception {
        RunsApi runs = new RunsApi(client());
        Map<String, Object> parameters = params.isEmpty()
                ? new LinkedHashMap<>()
                : RunParameters.parse(params, runs.getRunKind(kind), this::usage);
        Preflight p = runs.preflightRunKindWithParameters(kind, new PreflightRequest().parameters(parameters));
        if (json()) {
            output().json(p);
            return ExitCodes.OK;
        }
        Output o = output();
        o.line(kind + ": " + p.getVerdict().getValue());
        if (p.getDescription() != null && !p.getDescription().isBlank()) {
            o.line("  " + p.getDescription());
        }
        o.line("  services checked: " + join(p.getCheckedServices()));
        if (!p.getStrictServicesDown().isEmpty()) {
            o.line("  strict services down: " + join(p.getStrictServicesDown()));
        }
        if (!p.getDeferredSteps().isEmpty()) {
            o.line("  steps that would be deferred: " + join(p.getDeferredSteps()));
        }
        return ExitCodes.OK;
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? "-" : String.join(", ", values);
    }
}
