package io.releasekit.api.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.config.TokenConfiguration;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Reads the roles of a JWT from the configured claim ({@code releasekit.security.jwt.roles-claim}, default {@code
 * roles}) and expands {@code admin} to every role, as for static tokens.
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class AdminExpandingRolesFinder extends DefaultRolesFinder {

    AdminExpandingRolesFinder(TokenConfiguration tokenConfiguration) {
        super(tokenConfiguration);
    }

    @Override
    public List<String> resolveRoles(Map<String, Object> attributes) {
        return Roles.effective(super.resolveRoles(attributes));
    }
}
