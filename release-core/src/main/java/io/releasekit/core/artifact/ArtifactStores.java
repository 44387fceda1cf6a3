package io.releasekit.core.artifact;

import io.releasekit.core.NotFoundException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The configured artifact stores, by name ({@code artifacts}, {@code releases}, {@code beta}). */
public final class ArtifactStores {

    private final Map<String, ArtifactStore> stores;

    /** A registry of the given stores. */
    public ArtifactStores(Map<String, ArtifactStore> stores) {
        this.stores = Map.copyOf(stores);
    }

    /**
     * The store with this name.
     *
     * @throws NotFoundException naming the configured stores when there is none by that name
     */
    public ArtifactStore get(String name) {
        ArtifactStore s = stores.get(name);
        if (s == null) {
            throw new NotFoundException(
                    "no artifact store named '" + abbreviate(name) + "' is configured; configured: " + names());
        }
        return s;
    }

    /** The configured names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(stores).keySet();
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
