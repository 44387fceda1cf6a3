package io.releasekit.api.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The roles of the API. {@code reader} may read, {@code ci} may also start runs and call mutating endpoints, {@code
 * release-manager} may also approve runs, {@code admin} holds every role.
 */
public final class Roles {

    /** Reads everything: runs, services, versions, metrics. */
    public static final String READER = "reader";

    /** Starts runs and calls mutating endpoints, as a CI pipeline does. */
    public static final String CI = "ci";

    /** Approves runs (the two-person rule of break-glass releases). */
    public static final String RELEASE_MANAGER = "release-manager";

    /** Holds every role. */
    public static final String ADMIN = "admin";

    /** Every role, from the weakest to the strongest. */
    public static final List<String> ALL = List.of(READER, CI, RELEASE_MANAGER, ADMIN);

    private Roles() {}

    /** Whether a role name is one of {@link #ALL}. */
    public static boolean known(String role) {
        return ALL.contains(role);
    }

    /**
     * The roles a principal holds given the roles it was granted: {@code admin} is expanded to every role; unknown
     * role names (from an identity provider's claim) are kept as they are, they grant nothing here.
     */
    public static List<String> effective(Iterable<String> granted) {
        Set<String> roles = new LinkedHashSet<>();
        for (String role : granted) {
            if (ADMIN.equals(role)) {
                roles.addAll(ALL);
            } else {
                roles.add(role);
            }
        }
        return new ArrayList<>(roles);
    }
}
