package io.releasekit.api.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the security configuration when the service starts, not at the first request: the static tokens are parsed
 * (and the admin token generated if needed), and JWT, when enabled, has a key source and valid role claim paths and
 * role map. A bad setting stops the start
 * with a message naming it.
 */
@Context
public class SecurityStartup {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityStartup.class);

    SecurityStartup(
            StaticTokens tokens,
            ClaimRolesFinder jwtRoles,
            @Value("${releasekit.security.jwt.enabled:false}") boolean jwtEnabled,
            @Value("${releasekit.security.jwt.jwks-url:}") @Nullable String jwksUrl,
            @Value("${releasekit.security.jwt.secret:}") @Nullable String secret) {
        if (jwtEnabled && blank(jwksUrl) && blank(secret)) {
            throw new IllegalArgumentException("releasekit.security.jwt.enabled is true but neither "
                    + "releasekit.security.jwt.jwks-url nor releasekit.security.jwt.secret is set");
        }
        if (jwtEnabled) {
            LOG.info(
                    "API security: {} static token(s), JWT enabled, roles from {}{}",
                    tokens.size(),
                    jwtRoles.roleClaims().paths(),
                    jwtRoles.roleClaims().roleMap().isEmpty()
                            ? ""
                            : " mapped by " + jwtRoles.roleClaims().roleMap());
        } else {
            LOG.info("API security: {} static token(s), JWT disabled", tokens.size());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
