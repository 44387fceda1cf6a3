package io.releasekit.api.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.security.Roles;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunEngine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

/** The process kinds runs can be started of, and whether a run of one could go now. */
@Controller("/api/v1/run-kinds")
@Tag(name = "runs")
@ProblemResponses
public class RunKindController {

    private final RunEngine engine;

    RunKindController(RunEngine engine) {
        this.engine = engine;
    }

    /** Every kind, with its parameters. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get
    @Operation(operationId = "listRunKinds", summary = "Process kinds with their descriptions and parameters")
    public List<RunKindView> list() {
        return engine.kinds().stream().map(RunKindView::of).toList();
    }

    /** One kind. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{kind}")
    @ProblemResponses.NotFound
    @Operation(operationId = "getRunKind", summary = "One process kind with its parameters")
    public RunKindView get(@PathVariable String kind) {
        return RunKindView.of(definition(kind));
    }

    /** Preflight with the parameters in the query string ({@code ?tag=v1.2.0&force=true}). */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{kind}/preflight")
    @ProblemResponses.NotFound
    @Operation(
            operationId = "preflightRunKind",
            summary = "Preflight: GO, GO_DEGRADED or NO_GO for a run of this kind now",
            description = "Parameters go in the query string; a list parameter is repeated.")
    public PreflightView preflightQuery(@PathVariable String kind, HttpRequest<?> request) {
        Map<String, Object> parameters = RunQueries.typed(
                definition(kind).parameters(), request.getParameters().asMap());
        return PreflightView.of(kind, engine.preflight(kind, parameters));
    }

    /** Preflight with the parameters as JSON, as they would be sent to start a run. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{kind}/preflight")
    @ProblemResponses.NotFound
    @Operation(
            operationId = "preflightRunKindWithParameters",
            summary = "Preflight with the parameters as JSON, as for starting a run")
    public PreflightView preflight(@PathVariable String kind, @Nullable @Body PreflightRequest body) {
        definition(kind);
        return PreflightView.of(kind, engine.preflight(kind, body == null ? null : body.parameters()));
    }

    private ProcessDefinition definition(String kind) {
        return engine.definition(kind)
                .orElseThrow(() -> new NotFoundException("unknown run kind '" + kind + "'; known: "
                        + engine.kinds().stream().map(ProcessDefinition::kind).toList()));
    }
}
