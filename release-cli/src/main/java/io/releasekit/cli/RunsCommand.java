package io.releasekit.cli;

import io.releasekit.client.api.RunsApi;
import io.releasekit.client.model.ApprovalRequest;
import io.releasekit.client.model.Run;
import io.releasekit.client.model.RunApproval;
import io.releasekit.client.model.RunEvent;
import io.releasekit.client.model.RunState;
import io.releasekit.client.model.RunStep;
import io.releasekit.client.model.StartRunRequest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code releasekit runs ...}: start, watch, approve, reject and cancel runs. */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "Start, list, show, follow, approve, reject and cancel runs.",
        subcommands = {
            RunsCommand.Start.class,
            RunsCommand.ListRuns.class,
            RunsCommand.Show.class,
            RunsCommand.Events.class,
            RunsCommand.Approve.class,
            RunsCommand.Reject.class,
            RunsCommand.Cancel.class
        })
final class RunsCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "a subcommand is required: start, list, show, events, approve, reject, cancel");
    }

    /** {@code runs start KIND -p k=v ... [--dry-run] [--follow]}. */
    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description = "Start a run of KIND. With --follow, print its steps and progress until it ends and exit"
                    + " with its outcome (0 SUCCEEDED, 3 FAILED, 4 CANCELLED, 5 AWAITING_APPROVAL, 6 degraded).")
    static final class Start extends ServiceCommand {

        @Parameters(index = "0", paramLabel = "KIND", description = "The run kind (see `releasekit kinds`).")
        String kind;

        @Option(
                names = {"-p", "--param"},
                paramLabel = "KEY=VALUE",
                description = "A parameter of the kind; repeat for more. Lists take a,b,c or a repeated -p.")
        List<String> params = List.of();

        @Option(names = "--dry-run", description = "Plan the writes and run the checks; write nothing.")
        boolean dryRun;

        @Option(
                names = {"-f", "--follow"},
                description = "Follow the run until it ends.")
        boolean follow;

        @Option(
                names = "--idempotency-key",
                paramLabel = "KEY",
                description = "A retried start with the same key gets the same run (e.g. a CI job id).")
        String idempotencyKey;

        @Override
        int execute() throws Exception {
            RunsApi runs = new RunsApi(client());
            Map<String, Object> parameters = RunParameters.parse(params, runs.getRunKind(kind), this::usage);
            Run run = runs.startRun(
                    new StartRunRequest().kind(kind).parameters(parameters).dryRun(dryRun), idempotencyKey);
            if (!follow) {
                if (json()) {
                    output().json(run);
                } else {
                    output().line(run.getId() + " " + run.getState().getValue());
                }
                return ExitCodes.OK;
            }
            if (!json()) {
                output().line("run " + run.getId() + " (" + kind + (dryRun ? ", dry run" : "") + ") "
                        + run.getState().getValue());
            }
            return Follow.untilSettled(this, runs, run);
        }
    }

    /** Following a run: its events, then its final state as the exit code. */
    static final class Follow {
        private Follow() {}

        static int untilSettled(ServiceCommand c, RunsApi runs, Run run) throws Exception {
            if (run.getState() == RunState.AWAITING_APPROVAL) {
                return settled(c, run);
            }
            ProgressPrinter printer =
                    new ProgressPrinter(c.spec.commandLine().getOut(), System.console() != null && !c.json());
            new EventStream(c.client()).follow(run.getId(), 0, e -> {
                if (c.json()) {
                    c.output().json(e);
                } else {
                    printer.print(e);
                }
            });
            printer.endBar();
            return settled(c, runs.getRun(run.getId()));
        }

        private static int settled(ServiceCommand c, Run run) {
            if (c.json()) {
                c.output().json(run);
            } else if (run.getState() == RunState.AWAITING_APPROVAL) {
                c.output()
                        .line("run " + run.getId() + " is AWAITING_APPROVAL: " + approvals(run) + "; approve with"
                                + " `releasekit runs approve " + run.getId() + "`");
            } else {
                c.output()
                        .line("run " + run.getId() + " " + run.getState().getValue()
                                + (run.getReason() == null ? "" : ": " + run.getReason()));
            }
            int code = ExitCodes.of(run.getState());
            return code < 0 ? ExitCodes.SERVICE_ERROR : code;
        }
    }

    /** {@code runs list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
    static final class ListRuns extends ServiceCommand {

        @Option(names = "--state", description = "Only runs in this state, e.g. AWAITING_APPROVAL.")
        RunState state;

        @Option(names = "--kind", description = "Only runs of this kind.")
        String kind;

        @Option(names = "--limit", defaultValue = "20", description = "At most this many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        int execute() throws Exception {
            if (limit < 1 || limit > 1000) {
                throw usage("--limit must be 1 to 1000, not " + limit);
            }
            List<Run> runs = new RunsApi(client()).listRuns(state == null ? null : state.getValue(), kind, limit);
            if (json()) {
                output().json(runs);
                return ExitCodes.OK;
            }
            Output.Table t = output().table("ID", "KIND", "STATE", "DRY-RUN", "REQUESTED-BY", "CREATED");
            for (Run r : runs) {
                t.row(
                        r.getId(),
                        r.getKind(),
                        r.getState().getValue(),
                        r.getDryRun(),
                        r.getRequestedBy(),
                        time(r.getCreatedAt()));
            }
            t.print();
            return ExitCodes.OK;
        }
    }

    /** {@code runs show ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a run: parameters, approvals, steps.")
    static final class Show extends ServiceCommand {

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int execute() throws Exception {
            Run r = new RunsApi(client()).getRun(id);
            if (json()) {
                output().json(r);
                return ExitCodes.OK;
            }
            Output o = output();
            o.line("run        " + r.getId());
            o.line("kind       " + r.getKind() + (Boolean.TRUE.equals(r.getDryRun()) ? " (dry run)" : ""));
            o.line("state      " + r.getState().getValue() + (r.getReason() == null ? "" : ": " + r.getReason()));
            o.line("requested  " + r.getRequestedBy() + " at " + time(r.getCreatedAt()));
            o.line("parameters " + (r.getParameters() == null ? "{}" : r.getParameters()));
            if (r.getApprovalsRequired() != null && r.getApprovalsRequired() > 0) {
                o.line("approvals  " + approvals(r));
            }
            o.line("");
            Output.Table t = o.table("STEP", "STATE", "ATTEMPTS", "DURATION", "SUMMARY");
            for (RunStep s : r.getSteps()) {
                t.row(s.getName(), s.getState().getValue(), s.getAttempts(), duration(s), s.getSummary());
            }
            t.print();
            for (RunStep s : r.getSteps()) {
                if (s.getPlanned() != null && !s.getPlanned().isEmpty()) {
                    s.getPlanned().forEach(w -> o.line("  would write (" + s.getName() + "): " + w));
                }
                if (s.getOutputs() != null && !s.getOutputs().isEmpty()) {
                    s.getOutputs().forEach((k, v) -> o.line("  output " + s.getName() + "." + k + " = " + v));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code runs events ID}. */
    @Command(
            name = "events",
            mixinStandardHelpOptions = true,
            description = "Print a run's events, past then live, until it ends; exit with its outcome like --follow.")
    static final class Events extends ServiceCommand {

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--after", defaultValue = "0", description = "Only events after this sequence number.")
        long after;

        @Override
        int execute() throws Exception {
            RunsApi runs = new RunsApi(client());
            Run run = runs.getRun(id);
            if (run.getState() == RunState.AWAITING_APPROVAL) {
                // the stream would wait for the approvals: show what happened so far from the stored run
                output().line("run " + id + " is AWAITING_APPROVAL: " + approvals(run));
                return ExitCodes.RUN_AWAITING_APPROVAL;
            }
            ProgressPrinter printer = new ProgressPrinter(spec.commandLine().getOut(), false);
            new EventStream(client()).follow(id, after, (RunEvent e) -> {
                if (json()) {
                    output().json(e);
                } else {
                    printer.print(e);
                }
            });
            int code = ExitCodes.of(runs.getRun(id).getState());
            return code < 0 ? ExitCodes.SERVICE_ERROR : code;
        }
    }

    /** {@code runs approve ID [-m COMMENT]}. */
    @Command(
            name = "approve",
            mixinStandardHelpOptions = true,
            description = "Approve a run awaiting approval (release managers; not your own when the policy says so).")
    static final class Approve extends ServiceCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(
                names = {"-m", "--comment"},
                description = "Why (kept in the approval ledger).")
        String comment;

        @Override
        int execute() throws Exception {
            return printRun(this, new RunsApi(client()).approveRun(id, new ApprovalRequest().comment(comment)));
        }
    }

    /** {@code runs reject ID [-m COMMENT]}. */
    @Command(
            name = "reject",
            mixinStandardHelpOptions = true,
            description = "Reject (veto) a run awaiting approval: it ends CANCELLED and nothing runs.")
    static final class Reject extends ServiceCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(
                names = {"-m", "--comment"},
                description = "Why.")
        String comment;

        @Override
        int execute() throws Exception {
            return printRun(this, new RunsApi(client()).rejectRun(id, new ApprovalRequest().comment(comment)));
        }
    }

    /** {@code runs cancel ID}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a run that has not ended.")
    static final class Cancel extends ServiceCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Override
        int execute() throws Exception {
            return printRun(this, new RunsApi(client()).cancelRun(id));
        }
    }

    static int printRun(ServiceCommand c, Run r) {
        if (c.json()) {
            c.output().json(r);
        } else {
            c.output()
                    .line(r.getId() + " " + r.getState().getValue()
                            + (r.getReason() == null ? "" : ": " + r.getReason())
                            + (r.getState() == RunState.AWAITING_APPROVAL ? " (" + approvals(r) + ")" : ""));
        }
        return ExitCodes.OK;
    }

    /** E.g. {@code 1 of 2 approvals (test-rm1); release-manager other than alice may approve}. */
    static String approvals(Run r) {
        List<RunApproval> given = r.getApprovals() == null ? List.of() : r.getApprovals();
        return given.size() + " of " + r.getApprovalsRequired() + " approvals"
                + (given.isEmpty()
                        ? ""
                        : " ("
                                + String.join(
                                        ", ",
                                        given.stream()
                                                .map(RunApproval::getPrincipal)
                                                .toList())
                                + ")")
                + "; role " + r.getApproverRole() + " may approve";
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : t.withNano(0).toString();
    }

    static String duration(RunStep s) {
        if (s.getStartedAt() == null || s.getFinishedAt() == null) {
            return null;
        }
        Duration d = Duration.between(s.getStartedAt(), s.getFinishedAt());
        return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }
}
