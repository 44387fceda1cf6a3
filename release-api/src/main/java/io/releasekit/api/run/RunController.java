package io.releasekit.api.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.releasekit.api.persistence.DatabaseMonitor;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.security.Roles;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.reactivestreams.Publisher;

/** Runs of release processes: start, watch, approve, cancel. */
@Controller("/api/v1/runs")
@Tag(name = "runs")
@ProblemResponses
public class RunController {

    private final RunEngine engine;
    private final RunHolders holders;
    private final DatabaseMonitor database;
    private final Duration keepAlive;

    RunController(RunEngine engine, RunHolders holders, DatabaseMonitor database, RunsProperties properties) {
        this.engine = engine;
        this.holders = holders;
        this.database = database;
        this.keepAlive = properties.getSseKeepAlive();
    }

    /** Starts a run; it executes in the background. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post
    @Status(HttpStatus.ACCEPTED)
    @ProblemResponses.NotFound
    @ProblemResponses.IdempotencyKeyReused
    @Operation(
            operationId = "startRun",
            summary = "Start a run of a process kind",
            description = "Answers 202 with the run and its Location. With an Idempotency-Key, a retried request gets"
                    + " the run the first one started; the same key with another request is a 422 problem.")
    public HttpResponse<RunView> start(
            @Body @Valid StartRunRequest body,
            @Nullable @Header("Idempotency-Key") @Parameter(description = "makes a retried POST return the same run")
                    String idempotencyKey,
            Authentication caller) {
        Run run = engine.start(body.toRequest(caller.getName(), idempotencyKey));
        return HttpResponse.<RunView>accepted(URI.create("/api/v1/runs/" + run.id()))
                .body(RunView.of(run));
    }

    /** One run with its steps and approvals, and the replica executing it now (with when it is presumed dead). */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{id}")
    @ProblemResponses.NotFound
    @Operation(operationId = "getRun", summary = "A run with its steps, approvals and the replica executing it")
    public RunView get(@PathVariable String id) {
        return RunView.of(engine.run(id)).withHolder(holders.of(id));
    }

    /** Runs, newest first. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get
    @Operation(operationId = "listRuns", summary = "Runs, newest first, optionally by state and kind")
    public List<RunView> list(
            @Nullable
                    @QueryValue
                    @Parameter(
                            description = "only runs in this state",
                            schema =
                                    @Schema(
                                            type = "string",
                                            allowableValues = {
                                                "AWAITING_APPROVAL",
                                                "QUEUED",
                                                "RUNNING",
                                                "SUCCEEDED",
                                                "SUCCEEDED_DEGRADED",
                                                "FAILED",
                                                "CANCELLED"
                                            }))
                    String state,
            @Nullable @QueryValue String kind,
            @QueryValue(defaultValue = "100") @Parameter(description = "1 to 1000") int limit) {
        return engine.list(RunQueries.of(state, kind, limit)).stream()
                .map(RunView::of)
                .toList();
    }

    /** The run's events as server-sent events: past ones first, then live ones, until the run ends. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    @ApiResponse(
            responseCode = "200",
            description = "one event per run event, as it happens",
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM,
                            schema = @Schema(implementation = RunEventView.class)))
    @ProblemResponses.NotFound
    @Operation(
            operationId = "followRunEvents",
            summary = "Follow a run's events (Server-Sent Events)",
            description = "Each event has id = sequence number and event = type; the data is the event as JSON."
                    + " Send Last-Event-ID (or after) to continue after an event. The stream ends when the run ends."
                    + " While nothing happens, a comment line ': keep-alive' is sent every"
                    + " releasekit.runs.sse-keep-alive (default 15 s); EventSource clients ignore it. While the"
                    + " database is unavailable the stream stays open and sends an event named 'paused' with data"
                    + " {\"state\":\"paused\",\"reason\":\"database unavailable\"}, then 'resumed' when it is back"
                    + " (neither has an id).")
    public Publisher<Event<?>> events(
            @PathVariable String id,
            @Nullable @Header("Last-Event-ID") Long lastEventId,
            @Nullable @QueryValue @Parameter(description = "continue after this sequence number") Long after) {
        long from = lastEventId != null ? lastEventId : after != null ? after : 0;
        return RunEventStream.follow(engine, id, from, keepAlive, database::up);
    }

    /** Records the caller's approval; the run starts once enough distinct principals approved. */
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{id}/approvals")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Operation(operationId = "approveRun", summary = "Approve a run awaiting approval (release managers)")
    public RunView approve(
            @PathVariable String id, @Nullable @Body @Valid ApprovalRequest body, Authentication caller) {
        String comment = body == null ? null : body.comment();
        return RunView.of(engine.approve(id, caller.getName(), Set.copyOf(caller.getRoles()), comment));
    }

    /** Rejects (vetoes) a run awaiting approval: it ends CANCELLED and none of its steps run. */
    @Post("/{id}/rejections")
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Operation(
            operationId = "rejectRun",
            summary = "Reject a run awaiting approval (release managers)",
            description = "The run ends CANCELLED with the reason 'rejected by PRINCIPAL: COMMENT'. Anyone holding the"
                    + " run's approver role may reject, its requester included. 409 when the run is not awaiting"
                    + " approval, 403 without the role.")
    public RunView reject(@PathVariable String id, @Nullable @Body @Valid ApprovalRequest body, Authentication caller) {
        String comment = body == null ? null : body.comment();
        return RunView.of(engine.reject(id, caller.getName(), Set.copyOf(caller.getRoles()), comment));
    }

    /** Cancels a run that has not ended. */
    @Secured({Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{id}/cancel")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @Operation(operationId = "cancelRun", summary = "Cancel a run; its steps that run always still execute")
    public RunView cancel(@PathVariable String id, Authentication caller) {
        return RunView.of(engine.cancel(id, caller.getName()));
    }
}
