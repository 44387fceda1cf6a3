package io.releasekit.cli;

import io.releasekit.client.api.RunsApi;
import io.releasekit.client.model.RunKind;
import io.releasekit.client.model.RunKindParameter;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code releasekit kinds}: the process kinds runs can be started of, with their parameters. */
@Command(name = "kinds", mixinStandardHelpOptions = true, description = "List the run kinds and their parameters.")
final class KindsCommand extends ServiceCommand {

    @Override
    int execute() throws Exception {
        List<RunKind> kinds = new RunsApi(client()).listRunKinds();
        if (json()) {
            output().json(kinds);
            return ExitCodes.OK;
        }
        Output.Table t = output().table("KIND", "PARAMETERS", "DESCRIPTION");
        for (RunKind k : kinds) {
            t.row(k.getKind(), parameters(k.getParameters()), k.getDescription());
        }
        t.print();
        return ExitCodes.OK;
    }

    /** E.g. {@code tag* prefix bump:INTEGER} (a star marks a required parameter, strings show no type). */
    static String parameters(List<RunKindParameter> params) {
        if (params == null || params.isEmpty()) {
            return "-";
        }
        return params.stream()
                .map(p -> p.getName()
                        + (Boolean.TRUE.equals(p.getRequired()) ? "*" : "")
                        + (p.getType() == null || "STRING".equals(p.getType().getValue())
                                ? ""
                                : ":" + p.getType().getValue()))
                .collect(Collectors.joining(" "));
    }
}
