package io.releasekit.cli;

import static io.releasekit.cli.CliService.ADMIN;
import static io.releasekit.cli.CliService.CI;
import static io.releasekit.cli.CliService.READER;
import static io.releasekit.cli.CliService.RM1;
import static io.releasekit.cli.CliService.RM2;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.cli.CliService.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code releasekit runs ...} against a running service: output, {@code --json} and exit codes. */
class RunsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static CliService service;

    @BeforeAll
    static void start() {
        service = new CliService(dataDir);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void startsARunAndFollowsItToSuccessWithEachStep() {
        Result r = service.run(
                CI,
                "runs",
                "start",
                "cli.greet",
                "-p",
                "name=ada",
                "-p",
                "loud=true",
                "-p",
                "times=3",
                "-p",
                "cc=bob,eve",
                "--follow");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("> check started", "+ check succeeded: name ok", "> greet started", "+ greet succeeded")
                .contains("= run SUCCEEDED");
        String id = r.out().lines().findFirst().orElseThrow().split(" ")[1];
        Result show = service.run(READER, "runs", "show", id);
        assertThat(show.out())
                .contains("state      SUCCEEDED", "requested  cli-ci")
                .contains("output greet.greeting = Hello, ada! x3 cc [bob, eve]")
                .containsPattern("greet\\s+SUCCEEDED\\s+1\\s+\\d+ ms\\s+greeted");
    }

    @Test
    void startWithoutFollowPrintsTheRunIdAndJsonForMachines() throws Exception {
        Result plain = service.run(CI, "runs", "start", "cli.greet", "-p", "name=x");
        Result json =
                service.run(CI, "--json", "runs", "start", "cli.greet", "-p", "name=y", "--idempotency-key", "k1");
        Result again =
                service.run(CI, "runs", "start", "cli.greet", "-p", "name=y", "--idempotency-key", "k1", "--json");

        assertThat(plain.code()).isZero();
        assertThat(plain.out()).matches("[0-9a-f-]{36} (QUEUED|RUNNING|SUCCEEDED)\\n");
        JsonNode run = JSON.readTree(json.out());
        assertThat(run.path("kind").asText()).isEqualTo("cli.greet");
        assertThat(run.path("parameters").path("name").asText()).isEqualTo("y");
        assertThat(run.path("requestedBy").asText()).isEqualTo("cli-ci");
        assertThat(JSON.readTree(again.out()).path("id").asText())
                .isEqualTo(run.path("id").asText());
    }

    @Test
    void followPrintsAProgressBarOfObjectsAndBytes() {
        Result r = service.run(CI, "runs", "start", "cli.copy", "--follow");

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("copy [##############################] 4/4 objects  2.0 MiB");
    }

    @Test
    void followWithJsonPrintsOneEventPerLineThenTheRun() throws Exception {
        Result r = service.run(CI, "runs", "start", "cli.copy", "--follow", "--json");

        assertThat(r.code()).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines.subList(0, lines.size() - 1))
                .extracting(n -> n.path("type").asText())
                .contains("STEP_STARTED", "STEP_PROGRESS", "STEP_FINISHED", "RUN_STATE_CHANGED");
        assertThat(lines.get(lines.size() - 1).path("state").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aFailedRunExits3() {
        Result r = service.run(CI, "runs", "start", "cli.broken", "--follow");

        assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.RUN_FAILED);
        assertThat(r.out()).contains("x explode failed", "the disk is on fire", "FAILED");
    }

    @Test
    void aRunAwaitingApprovalExits5AndTwoReleaseManagersReleaseIt() {
        Result started = service.run(RM1, "runs", "start", "cli.guarded", "--follow");
        assertThat(started.code()).as(started.toString()).isEqualTo(ExitCodes.RUN_AWAITING_APPROVAL);
        String id = started.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(started.out()).contains("is AWAITING_APPROVAL: 0 of 2 approvals");

        Result self = service.run(RM1, "runs", "approve", id);
        assertThat(self.code()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(self.err()).startsWith("releasekit: 403 forbidden: ").contains("may not approve");
        assertThat(self.err().lines()).hasSize(1);

        Result first = service.run(RM2, "runs", "approve", id, "-m", "checked");
        assertThat(first.code()).isZero();
        assertThat(first.out()).contains(id + " AWAITING_APPROVAL (1 of 2 approvals (cli-rm2)");
        assertThat(service.run(READER, "runs", "events", id).code()).isEqualTo(ExitCodes.RUN_AWAITING_APPROVAL);

        assertThat(service.run(ADMIN, "runs", "approve", id).code()).isZero();
        Result events = service.run(READER, "runs", "events", id);
        assertThat(events.code()).as(events.toString()).isZero();
        assertThat(events.out()).contains("+ approved by cli-rm2 (1/2)", "+ approved by cli-admin (2/2)", "+ ship");
    }

    @Test
    void aRejectedRunExits4WhenFollowedAndCiMayNotReject() throws Exception {
        String id = JSON.readTree(service.run(CI, "--json", "runs", "start", "cli.guarded")
                        .out())
                .path("id")
                .asText();

        assertThat(service.run(CI, "runs", "reject", id).code()).isEqualTo(ExitCodes.SERVICE_ERROR);
        Result rejected = service.run(RM1, "runs", "reject", id, "-m", "wrong commit", "--json");

        assertThat(rejected.code()).isZero();
        assertThat(JSON.readTree(rejected.out()).path("reason").asText())
                .isEqualTo("rejected by cli-rm1: wrong commit");
        Result events = service.run(READER, "runs", "events", id);
        assertThat(events.code()).isEqualTo(ExitCodes.RUN_CANCELLED);
        assertThat(events.out()).contains("= run CANCELLED: rejected by cli-rm1: wrong commit");
    }

    @Test
    void cancelsARunAndReportsARunThatAlreadyEndedAsAServiceError() throws Exception {
        String id = JSON.readTree(service.run(CI, "--json", "runs", "start", "cli.guarded")
                        .out())
                .path("id")
                .asText();

        Result cancel = service.run(CI, "runs", "cancel", id);
        Result twice = service.run(CI, "runs", "cancel", id);

        assertThat(cancel.code()).isZero();
        assertThat(cancel.out()).startsWith(id + " CANCELLED: cancelled by cli-ci");
        assertThat(twice.code()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(twice.err()).startsWith("releasekit: 409 ").contains("already ended");
    }

    @Test
    void aDryRunPlansItsWritesAndShowShowsThem() {
        Result r = service.run(CI, "runs", "start", "cli.guarded", "--dry-run", "--follow");

        assertThat(r.code()).as(r.toString()).isZero();
        String id = r.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(service.run(READER, "runs", "show", id).out()).contains("cli.guarded (dry run)", "would ship");
        Result greet = service.run(CI, "runs", "start", "cli.greet", "-p", "name=z", "--dry-run", "--follow");
        String greetId = greet.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(service.run(READER, "runs", "show", greetId).out()).contains("would write (greet): greet z");
    }

    @Test
    void listsRunsByKindAndStateAsATableAndAsJson() throws Exception {
        service.run(CI, "runs", "start", "cli.broken", "--follow");

        Result table = service.run(READER, "runs", "list", "--kind", "cli.broken", "--state", "FAILED");
        JsonNode json = JSON.readTree(service.run(READER, "runs", "list", "--kind", "cli.broken", "--json")
                .out());

        assertThat(table.code()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow())
                .startsWith("ID")
                .contains("KIND", "STATE", "REQUESTED-BY");
        assertThat(table.out().lines().skip(1))
                .isNotEmpty()
                .allMatch(l -> l.contains("cli.broken") && l.contains("FAILED"));
        assertThat(json.isArray()).isTrue();
        assertThat(json).isNotEmpty().allMatch(n -> n.path("kind").asText().equals("cli.broken"));
    }

    @Test
    void badParametersAreUsageErrorsBeforeAnythingStarts() {
        Result unknown = service.run(CI, "runs", "start", "cli.greet", "-p", "name=a", "-p", "colour=red");
        Result notBool = service.run(CI, "runs", "start", "cli.greet", "-p", "name=a", "-p", "loud=yes");
        Result notInt = service.run(CI, "runs", "start", "cli.greet", "-p", "name=a", "-p", "times=many");
        Result missing = service.run(CI, "runs", "start", "cli.greet");
        Result noEquals = service.run(CI, "runs", "start", "cli.greet", "-p", "name");
        Result badFlag = service.run(CI, "runs", "start", "cli.greet", "--frobnicate");
        Result badState = service.run(CI, "runs", "list", "--state", "DONE");

        for (Result r : List.of(unknown, notBool, notInt, missing, noEquals, badFlag, badState)) {
            assertThat(r.code()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(r.toString()).contains("Usage: releasekit runs ");
            assertThat(r.out()).isEmpty();
        }
        assertThat(unknown.err()).startsWith("run kind 'cli.greet' has no parameter 'colour'; it accepts: name, loud,");
        assertThat(notBool.err()).startsWith("parameter 'loud' is a boolean: true or false, not 'yes'\n");
        assertThat(notInt.err()).startsWith("parameter 'times' is an integer, not 'many'\n");
        assertThat(missing.err()).startsWith("run kind 'cli.greet' needs parameter 'name' (who to greet)");
        assertThat(badFlag.err()).startsWith("Unknown option: '--frobnicate'");
        assertThat(service.run(READER, "runs", "list", "--state", "FAILED").code())
                .isZero();
    }

    @Test
    void anUnknownKindOrRunIsAServiceErrorNamingIt() {
        Result kind = service.run(CI, "runs", "start", "no.such.kind");
        Result run = service.run(READER, "runs", "show", "no-such-run");

        assertThat(kind.code()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(kind.err()).startsWith("releasekit: 404 ").contains("no.such.kind");
        assertThat(run.code()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(run.err()).startsWith("releasekit: 404 ").contains("no-such-run");
    }

    @Test
    void aReaderMayReadButNotStart() {
        Result r = service.run(READER, "runs", "start", "cli.greet", "-p", "name=a");

        assertThat(r.code()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(r.err()).startsWith("releasekit: 403 forbidden: ");
    }
}
