package io.releasekit.api.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import io.micronaut.core.type.Argument;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Micronaut Security's {@link RolesFinder} for JWTs, in place of the default one that only reads a top-level claim:
 * roles come from the claim paths of {@code releasekit.security.jwt.roles-claim} (default {@code roles}; a list or a
 * comma-separated string, such as {@code realm_access.roles}), translated by {@code releasekit.security.jwt.role-map}
 * when it is set. See {@link RoleClaims} for the rules. Static tokens carry their roles themselves and do not pass
 * here.
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
public class ClaimRolesFinder implements RolesFinder {

    static final String ROLES_CLAIM = "releasekit.security.jwt.roles-claim";
    static final String ROLE_MAP = "releasekit.security.jwt.role-map";

    private final RoleClaims roleClaims;

    ClaimRolesFinder(Environment environment) {
        List<String> paths = environment
                .getProperty(ROLES_CLAIM, Argument.listOf(String.class))
                .filter(p -> !p.isEmpty())
                .orElse(List.of("roles"));
        Map<String, String> roleMap = new LinkedHashMap<>();
        // RAW: identity-provider role names keep their case and punctuation (Release.Managers, /org/team).
        environment.getProperties(ROLE_MAP, StringConvention.RAW).forEach((k, v) -> {
            if (v != null && StringUtils.isNotEmpty(v.toString())) {
                roleMap.put(k, v.toString());
            } else {
                roleMap.put(k, null);
            }
        });
        this.roleClaims = RoleClaims.of(paths.stream().map(String::trim).toList(), roleMap);
    }

    /** The paths and role map in use. */
    public RoleClaims roleClaims() {
        return roleClaims;
    }

    @Override
    public List<String> resolveRoles(Map<String, Object> attributes) {
        return attributes == null ? List.of() : roleClaims.resolve(attributes);
    }
}
