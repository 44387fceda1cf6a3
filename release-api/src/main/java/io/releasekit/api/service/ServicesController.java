package io.releasekit.api.service;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.service.ServiceStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** The outside services releasekit calls and the state of their circuit breakers. */
@Controller("/api/v1/services")
@Tag(name = "services")
public class ServicesController {

    private final ServiceGuards guards;

    ServicesController(ServiceGuards guards) {
        this.guards = guards;
    }

    /** Every known service with its breaker state. */
    @Get
    @Operation(operationId = "listServices", summary = "Services and their circuit-breaker states")
    public List<ServiceView> list() {
        return guards.statuses().stream().map(ServiceView::of).toList();
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
    public record ServiceView(
            String service,
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
