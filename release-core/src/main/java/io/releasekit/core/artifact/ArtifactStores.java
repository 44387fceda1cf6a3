package io.releasekit.core.artifact;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.artifact.internal.GuardedArtifactStore;
import io.releasekit.core.service.ServiceGuards;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured artifact stores, by name ({@code artifacts}, {@code releases}, {@code beta}). The stores it hands out
 * are guarded: every call goes through the service guard of the store's {@link ArtifactStore#service()}, so a caller
 * never wraps a call itself.
 */
public final class ArtifactStores {

    private final Map<String, ArtifactStore> stores;

    /** A registry of the given stores, each guarded by {@code guards}. */
    public ArtifactStores(Map<String, ? extends ArtifactStore> stores, ServiceGuards guards) {
        Map<String, ArtifactStore> decorated = new LinkedHashMap<>();
        stores.forEach((name, store) -> decorated.put(name, decorate(store, guards)));
        this.stores = Map.copyOf(decorated);
    }

    /** What every store handed out is wrapped in: the one place a port's calls get their guard. */
    private static ArtifactStore decorate(ArtifactStore store, ServiceGuards guards) {
        return store instanceof GuardedArtifactStore ? store : new GuardedArtifactStore(store, guards);
    }

    /**
     * The store with this name, guarded.
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
