package io.releasekit.api.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.inject.ExecutableMethod;
import io.micronaut.management.endpoint.EndpointSensitivityProcessor;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRuleResult;
import io.micronaut.security.rules.SensitiveEndpointRule;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Sensitive management endpoints ({@code /prometheus}, {@code /metrics}, health details) are open to a principal that
 * holds one of releasekit's roles, not to any authenticated principal: a JWT whose claims map to no role reads
 * nothing. Like {@code @Secured} on controllers, the decision is made on the matched endpoint method, never on the
 * spelling of the path.
 */
@Singleton
@Replaces(SensitiveEndpointRule.class)
public class SensitiveEndpointRoles extends SensitiveEndpointRule {

    SensitiveEndpointRoles(EndpointSensitivityProcessor endpointSensitivityProcessor) {
        super(endpointSensitivityProcessor);
    }

    @Override
    protected Publisher<SecurityRuleResult> checkSensitiveAuthenticated(
            HttpRequest<?> request, Authentication authentication, ExecutableMethod<?, ?> method) {
        boolean holdsARole = authentication.getRoles().stream().anyMatch(Roles::known);
        return Mono.just(holdsARole ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }
}
