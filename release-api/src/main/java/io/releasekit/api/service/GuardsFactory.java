package io.releasekit.api.service;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.service.ServiceGuards;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The one {@link ServiceGuards} registry of the application, configured from {@code releasekit.services.*}. Every
 * configured name is registered up front, so its breaker is listed ({@code GET /api/v1/services}) and metered
 * ({@code /prometheus}) from the start, before its first call.
 */
@Factory
public class GuardsFactory {

    /** Builds the registry; every adapter call in the application goes through it. */
    @Singleton
    @Bean(preDestroy = "close")
    public ServiceGuards serviceGuards(List<GuardProperties> properties) {
        ServiceGuards.Builder b = ServiceGuards.builder();
        properties.forEach(p -> b.service(p.getName(), p.toConfig()).register(p.getName()));
        try {
            return b.build();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("releasekit.services: " + e.getMessage(), e);
        }
    }
}
