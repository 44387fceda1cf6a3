package io.releasekit.cli;

import io.releasekit.client.api.VersionsApi;
import io.releasekit.client.model.Bump;
import io.releasekit.client.model.NextVersionRequest;
import io.releasekit.client.model.NextVersionResponse;
import io.releasekit.client.model.PolicyEvent;
import io.releasekit.client.model.PolicyRequest;
import io.releasekit.client.model.PolicyResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code releasekit versions next|policy}: version computations of the service. */
@Command(
        name = "versions",
        mixinStandardHelpOptions = true,
        description = "Version computations: the next release from existing tags, the VERSION-file policy.",
        subcommands = {VersionsCommand.Next.class, VersionsCommand.Policy.class})
final class VersionsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: next, policy");
    }

    /** {@code versions next}: the tag to release next. */
    @Command(
            name = "next",
            mixinStandardHelpOptions = true,
            description = "The next release tag from existing tags (`-` reads them from stdin, e.g. `git tag |"
                    + " releasekit versions next --prefix v -`).")
    static final class Next extends ServiceCommand {

        @Parameters(paramLabel = "TAG", arity = "0..*", description = "Existing tags; `-` reads one per line.")
        List<String> tags = List.of();

        @Option(names = "--prefix", defaultValue = "v", description = "Tag prefix (default: ${DEFAULT-VALUE}).")
        String prefix;

        @Option(
                names = "--bump",
                defaultValue = "PATCH",
                description = "MAJOR, MINOR or PATCH (default: ${DEFAULT-VALUE}).")
        Bump bump;

        @Override
        int execute() throws Exception {
            NextVersionResponse next = new VersionsApi(client())
                    .nextVersion(new NextVersionRequest()
                            .tags(readTags())
                            .prefix(prefix)
                            .bump(bump));
            if (json()) {
                output().json(next);
            } else {
                output().line(next.getTag());
            }
            return ExitCodes.OK;
        }

        private List<String> readTags() throws java.io.IOException {
            List<String> out = new ArrayList<>();
            for (String t : tags) {
                if (!t.equals("-")) {
                    out.add(t);
                    continue;
                }
                BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (!line.isBlank()) {
                        out.add(line.strip());
                    }
                }
            }
            return out;
        }
    }

    /** {@code versions policy}: what the VERSION file becomes after an event. */
    @Command(
            name = "policy",
            mixinStandardHelpOptions = true,
            description = "Apply the VERSION-file policy: after cutting a branch (BRANCH_CUT) or releasing (RELEASE).")
    static final class Policy extends ServiceCommand {

        @Option(names = "--current", required = true, description = "The VERSION file's value, e.g. 2.1.0-dev.")
        String current;

        @Option(names = "--event", required = true, description = "BRANCH_CUT or RELEASE.")
        PolicyEvent event;

        @Option(names = "--chart", description = "A Helm chart version (never -dev).")
        boolean chart;

        @Option(names = "--branch-prefix", description = "Prefix of the release branch's name.")
        String branchPrefix;

        @Override
        int execute() throws Exception {
            PolicyResponse p = new VersionsApi(client())
                    .applyVersionPolicy(new PolicyRequest()
                            .current(current)
                            .event(event)
                            .chart(chart)
                            .branchPrefix(branchPrefix));
            if (json()) {
                output().json(p);
                return ExitCodes.OK;
            }
            output().table("FROM", "TO", "RELEASED", "BRANCH")
                    .row(p.getFrom(), p.getTo(), p.getReleased(), p.getBranch())
                    .print();
            return ExitCodes.OK;
        }
    }
}
