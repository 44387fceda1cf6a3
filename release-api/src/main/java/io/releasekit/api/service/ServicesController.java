package io.releasekit.api.service;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.problem.ProblemResponses;
import io.releasekit.api.security.Roles;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.service.ServiceStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The outside services releasekit calls and the state of their circuit breakers. */
@Controller("/api/v1/services")
@Tag(name = "services")
@ProblemResponses
public class ServicesController {

    private final ServiceGuards guards;
    private final Set<String> configured;

    ServicesController(ServiceGuards guards, List<GuardProperties> properties) {
        this.guards = guards;
        this.configured = properties.stream().map(GuardProperties::getName).collect(Collectors.toSet());
    }

    /** Every known service with its breaker state. */
    @Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
    @Get
    @Operation(operationId = "listServices", summary = "Services and their circuit-breaker states")
    public List<ServiceView> list() {
        return guards.statuses().stream().map(ServiceView::of).toList();
    }

    /**
     * Forces a service's breaker open: an operator declares an outage. Strict steps needing it make preflights NO-GO,
     * deferrable steps are parked, and nothing calls the service until {@link #reset}. The service must be known: one
     * releasekit has registered (a configured adapter, a run that needed it) or one configured under {@code
     * releasekit.services.<name>}, so an outage can be declared before releasekit first calls it; any other name is
     * a 404, so a typo never creates a breaker. Admin only.
     */
    @Secured(Roles.ADMIN)
    @Post("/{service}/force-open")
    @ProblemResponses.NotFound
    @Operation(
            operationId = "forceServiceOpen",
            summary = "Force a service's circuit breaker open (declare an outage; admin)")
    public ServiceView forceOpen(@PathVariable String service) {
        requireKnown(service);
        guards.forceOpen(service);
        return ServiceView.of(guards.status(service));
    }

    /**
     * Closes a service's breaker and clears its counts (end of a declared outage, or a breaker known to be open for a
     * fixed cause). Deferred steps waiting for this service are replayed. Admin only.
     */
    @Secured(Roles.ADMIN)
    @Post("/{service}/reset")
    @ProblemResponses.NotFound
    @Operation(operationId = "resetService", summary = "Close a service's circuit breaker and clear its counts (admin)")
    public ServiceView reset(@PathVariable String service) {
        requireKnown(service);
        guards.reset(service);
        return ServiceView.of(guards.status(service));
    }

    private void requireKnown(String service) {
        Set<String> known = new TreeSet<>(configured);
        guards.statuses().forEach(s -> known.add(s.service()));
        if (!known.contains(service)) {
            throw new NotFoundException("unknown service '" + service + "'; known: " + known
                    + " (configure releasekit.services." + service + " to declare an outage before its first call)");
        }
    }

    /**
     * One service's breaker.
     *
     * @param service the service name
     * @param state CLOSED, OPEN, HALF_OPEN, FORCED_OPEN or DISABLED
     * @param failureRate failure percentage in the window, -1 until enough calls were made
     * @param bufferedCalls calls in the window
     * @param failedCalls failed calls in the window
     * @param notPermittedCalls calls refused while open
     */
    @io.micronaut.serde.annotation.Serdeable
    @Schema(name = "Service")
    public record ServiceView(
            String service,
            @Schema(
                            description = "the circuit breaker's state",
                            allowableValues = {"CLOSED", "OPEN", "HALF_OPEN", "FORCED_OPEN", "DISABLED", "METRICS_ONLY"
                            },
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    String state,
            float failureRate,
            int bufferedCalls,
            int failedCalls,
            long notPermittedCalls) {
        static ServiceView of(ServiceStatus s) {
            return new ServiceView(
                    s.service(),
                    s.state().name(),
                    s.failureRate(),
                    s.bufferedCalls(),
                    s.failedCalls(),
                    s.notPermittedCalls());
        }
    }
}
