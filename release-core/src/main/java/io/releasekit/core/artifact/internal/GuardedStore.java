package io.releasekit.core.artifact.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ListingPage;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.service.ServiceGuards;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * A store whose calls go through the guard named by {@link ArtifactStore#service()} (a local store is called
 * directly). Reads of small objects happen inside one guarded call, so a retry starts them over.
 */
public final class GuardedStore {

    private final ArtifactStore store;
    private final ServiceGuards guards;

    /** Guards {@code store}'s calls with {@code guards}. */
    public GuardedStore(ArtifactStore store, ServiceGuards guards) {
        this.store = store;
        this.guards = guards;
    }

    /** The unguarded store. */
    public ArtifactStore store() {
        return store;
    }

    /**
     * Runs one call to the store through its guard. A store handed out by {@code ArtifactStores} guards its own calls,
     * so the action then runs as it is (one guard, not two nested ones).
     */
    public <T> T call(Callable<T> action) {
        Optional<String> service = store.service();
        if (service.isPresent() && !(store instanceof GuardedArtifactStore)) {
            return guards.call(service.get(), action);
        }
        try {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lists below a prefix, each page of the listing one guarded call ({@link GuardedArtifactStore#list}). */
    public List<ObjectInfo> list(String prefix) {
        return store instanceof GuardedArtifactStore
                ? store.list(prefix)
                : new GuardedArtifactStore(store, guards).list(prefix);
    }

    /** One page of a listing, one guarded call ({@link ArtifactStore#listPage}). */
    public ListingPage listPage(String prefix, Optional<String> token) {
        return call(() -> store.listPage(prefix, token));
    }

    /** The first page after a key, one guarded call ({@link ArtifactStore#listPageAfter}). */
    public ListingPage listPageAfter(String prefix, String startAfter) {
        return call(() -> store.listPageAfter(prefix, startAfter));
    }

    /** Stats one key. */
    public Optional<ObjectInfo> stat(ArtifactKey key) {
        return call(() -> store.stat(key));
    }

    /** Opens one key for streaming (the guard covers the opening, not the reading). */
    public InputStream open(ArtifactKey key) {
        return call(() -> store.open(key));
    }

    /**
     * Reads a small object (manifest, signature) whole, inside one guarded call.
     *
     * @throws InvalidInputException when it is larger than {@code max} bytes
     */
    public byte[] readSmall(ArtifactKey key, int max) {
        return call(() -> store.read(key, in -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (out.size() > max) {
                    throw new InvalidInputException(
                            "'" + key + "' in " + store.location() + " is larger than " + max + " bytes");
                }
            }
            return out.toByteArray();
        }));
    }
}
