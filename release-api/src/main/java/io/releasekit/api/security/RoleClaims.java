package io.releasekit.api.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the roles of a JWT are and what they mean here: one or more claim paths ({@code roles}, {@code
 * realm_access.roles}, {@code resource_access.releasekit.roles}) and an optional map from the identity provider's role
 * names to releasekit roles.
 *
 * <p>A path is a dot-separated list of claim names into nested JSON objects. A claim whose name itself contains dots
 * (an Auth0 namespaced claim such as {@code https://example.com/roles}) is found too: at each level the whole rest of
 * the path is tried as one name first, then every split at a dot. The value found may be a JSON array of strings (each
 * element is one role name) or a string (split at commas and whitespace); anything else, or no value, gives no roles.
 *
 * <p>Without a role map, a name counts when it is a releasekit role ({@link Roles#ALL}). With one, only the mapped
 * names count, so a provider role that happens to be called {@code admin} grants nothing unless it is mapped. Names
 * that count for nothing are dropped; {@code admin} expands to every role.
 */
public final class RoleClaims {

    private static final Pattern STRING_SEPARATORS = Pattern.compile("[,\\s]+");

    private final List<String> paths;
    private final Map<String, String> roleMap;

    private RoleClaims(List<String> paths, Map<String, String> roleMap) {
        this.paths = List.copyOf(paths);
        this.roleMap = Map.copyOf(roleMap);
    }

    /**
     * Validated role claims.
     *
     * @param paths the claim paths, read in order; their roles are merged
     * @param roleMap identity-provider role name to releasekit role; empty to take the names as they are
     * @return the role claims
     * @throws IllegalArgumentException naming the bad path or map entry
     */
    public static RoleClaims of(List<String> paths, Map<String, String> roleMap) {
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(roleMap, "roleMap");
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("releasekit.security.jwt.roles-claim must name at least one claim");
        }
        for (String path : paths) {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("releasekit.security.jwt.roles-claim has an empty claim path");
            }
            for (String segment : path.split("\\.", -1)) {
                if (segment.isBlank()) {
                    throw new IllegalArgumentException("releasekit.security.jwt.roles-claim '" + path
                            + "' has an empty segment: write claim names separated by single dots,"
                            + " such as realm_access.roles");
                }
            }
        }
        Map<String, String> map = new LinkedHashMap<>();
        roleMap.forEach((from, to) -> {
            if (from == null || from.isBlank()) {
                throw new IllegalArgumentException("releasekit.security.jwt.role-map has an empty role name");
            }
            if (to == null || !Roles.known(to.trim())) {
                throw new IllegalArgumentException("releasekit.security.jwt.role-map maps '" + from
                        + "' to unknown role '" + to + "' (known: " + String.join(", ", Roles.ALL) + ")");
            }
            map.put(from, to.trim());
        });
        return new RoleClaims(paths, map);
    }

    /** The claim paths, in the order they are read. */
    public List<String> paths() {
        return paths;
    }

    /** The role map; empty when role names are taken as they are. */
    public Map<String, String> roleMap() {
        return roleMap;
    }

    /**
     * The releasekit roles the claims grant.
     *
     * @param claims the JWT's claims, nested objects as maps and arrays as lists
     * @return the roles, {@code admin} expanded; empty when no path leads to a known or mapped role
     */
    public List<String> resolve(Map<String, Object> claims) {
        Set<String> granted = new LinkedHashSet<>();
        for (String path : paths) {
            for (String name : names(lookup(claims, path))) {
                String role = roleMap.isEmpty() ? name : roleMap.get(name);
                if (role != null && Roles.known(role)) {
                    granted.add(role);
                }
            }
        }
        return Roles.effective(granted);
    }

    /** The value at a dot path, trying names that contain dots before splitting them; null if there is none. */
    static Object lookup(Object node, String path) {
        if (!(node instanceof Map<?, ?> map)) {
            return null;
        }
        if (map.containsKey(path)) {
            return map.get(path);
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            Object child = map.get(path.substring(0, dot));
            if (child instanceof Map<?, ?>) {
                Object found = lookup(child, path.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<String> names(Object value) {
        List<String> names = new ArrayList<>();
        if (value instanceof Iterable<?> items) {
            for (Object item : items) {
                if (item instanceof String s && !s.isBlank()) {
                    names.add(s.trim());
                }
            }
        } else if (value instanceof Object[] items) {
            return names(List.of(items));
        } else if (value instanceof String s) {
            for (String part : STRING_SEPARATORS.split(s.trim())) {
                if (!part.isEmpty()) {
                    names.add(part);
                }
            }
        }
        return names;
    }
}
