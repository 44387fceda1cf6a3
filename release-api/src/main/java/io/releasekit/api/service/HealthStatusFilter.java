package io.releasekit.api.service;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.filter.HealthResultFilter;

/**
 * Micronaut Management's health status filter (503 while the health is DOWN), matched by a regular expression. The
 * library's three Ant patterns ({@code /health}, {@code /health/liveness}, {@code /health/readiness}) were tested on
 * every request the service answers, each splitting the request path into an array; this pattern fails at the second
 * character of an API path (docs/benchmarks.md, session 7). The same paths, the same configuration keys.
 */
@Replaces(HealthResultFilter.class)
@Requires(beans = HealthEndpoint.class)
@ServerFilter(
        patterns = "\\Q${endpoints.all.path:/}${endpoints.health.id:health}\\E(/liveness|/readiness)?",
        patternStyle = FilterPatternStyle.REGEX)
public class HealthStatusFilter extends HealthResultFilter {

    HealthStatusFilter(HealthEndpoint healthEndpoint) {
        super(healthEndpoint);
    }
}
