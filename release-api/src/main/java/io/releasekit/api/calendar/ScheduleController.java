package io.releasekit.api.calendar;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.releasekit.api.problem.Problem;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;

/**
 * The release calendar: schedules that start a run of a kind on a cron expression in a time zone. Release managers
 * change them; every role reads them.
 */
@Controller("/api/v1/schedules")
@Tag(name = "schedules")
@ProblemResponses
public class ScheduleController {

    private final Schedules schedules;

    ScheduleController(Schedules schedules) {
        this.schedules = schedules;
    }

    /** Every schedule with its next fire time. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get
    @Operation(operationId = "listSchedules", summary = "Schedules of the release calendar, by name")
    public List<ScheduleView> list() {
        return schedules.list().stream().map(this::view).toList();
    }

    /** Creates a schedule. */
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "createSchedule",
            summary = "Create a schedule: a run of a kind on a cron expression in a time zone",
            description = "The kind and parameters are checked like POST /api/v1/runs. Each fire time starts one run"
                    + " with the idempotency key schedule:NAME:FIRE-TIME, on exactly one replica.")
    @ApiResponse(responseCode = "201", description = "the schedule, with its next fire time")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-input: a bad cron expression, time zone, name, exception date, missed-fire policy,"
                    + " unknown kind or invalid parameters (the problem names the value)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "409",
            description = "conflict: a schedule of that name exists",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<ScheduleView> create(@Body ScheduleRequest body, Authentication caller) {
        ReleaseSchedule s = schedules.create(body.toSpec(null), caller.getName());
        return HttpResponse.created(view(s), URI.create("/api/v1/schedules/" + s.id()));
    }

    /** One schedule. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{name}")
    @Operation(operationId = "getSchedule", summary = "A schedule with its next fire time and last firing")
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ScheduleView get(@PathVariable String name) {
        return view(schedules.get(name));
    }

    /** Replaces a schedule's calendar, kind, parameters and policies. */
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Put("/{name}")
    @Operation(
            operationId = "updateSchedule",
            summary = "Replace a schedule (same name); its next fire time follows the new calendar")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-input: as for createSchedule, or a body naming another schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "409",
            description = "conflict: it was changed meanwhile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ScheduleView update(@PathVariable String name, @Body ScheduleRequest body) {
        return view(schedules.update(name, body.toSpec(name)));
    }

    /** Pauses a schedule. */
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/pause")
    @Operation(operationId = "pauseSchedule", summary = "Pause a schedule: it fires nothing until resumed")
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ScheduleView pause(@PathVariable String name) {
        return view(schedules.pause(name));
    }

    /** Resumes a schedule. */
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Post("/{name}/resume")
    @Operation(
            operationId = "resumeSchedule",
            summary = "Resume a schedule from its next fire time; times while paused are not made up")
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ScheduleView resume(@PathVariable String name) {
        return view(schedules.resume(name));
    }

    /** Deletes a schedule; the runs it started stay. */
    @Secured({Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Delete("/{name}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "deleteSchedule", summary = "Delete a schedule; the runs it started stay")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void delete(@PathVariable String name) {
        schedules.delete(name);
    }

    /** The next fire times of a schedule. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get("/{name}/fire-times")
    @Operation(
            operationId = "previewScheduleFireTimes",
            summary = "The next fire times of a schedule, exception dates marked skipped")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-input: count outside 1-100",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "404",
            description = "not-found: no such schedule",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<FireTimeView> fireTimes(
            @PathVariable String name, @QueryValue(defaultValue = "5") @Parameter(description = "1 to 100") int count) {
        ScheduleSpec spec = schedules.get(name).spec();
        return schedules.preview(spec, count).stream()
                .map(at -> FireTimeView.of(spec, at))
                .toList();
    }

    private ScheduleView view(ReleaseSchedule s) {
        return ScheduleView.of(s, schedules.nextFire(s).orElse(null));
    }
}
