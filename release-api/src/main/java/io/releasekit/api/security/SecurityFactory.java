package io.releasekit.api.security;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.releasekit.api.DataDirectory;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Builds the set of accepted static tokens from {@code releasekit.security.tokens}. With none configured (and JWT
 * off), an admin token is generated once into {@code <data-dir>/admin-token} so that an embedded instance is usable
 * and still never open: only whoever can read that file can call the API.
 */
@Factory
public class SecurityFactory {

    /** The static tokens, validated at startup so that a bad entry stops the service with a clear message. */
    @Singleton
    StaticTokens staticTokens(
            List<TokenProperties> configured,
            DataDirectory dataDirectory,
            @Value("${releasekit.security.jwt.enabled:false}") boolean jwtEnabled,
            @Value("${releasekit.security.generate-admin-token:true}") boolean generateAdminToken) {
        StaticTokens tokens = StaticTokens.of(configured);
        if (!tokens.isEmpty() || jwtEnabled || !generateAdminToken) {
            return tokens;
        }
        String token = new AdminTokenFile(dataDirectory.create()).readOrCreate();
        return tokens.plus(
                new StaticTokens.Entry("admin", TokenHash.sha256(token), Roles.effective(List.of(Roles.ADMIN))));
    }
}
