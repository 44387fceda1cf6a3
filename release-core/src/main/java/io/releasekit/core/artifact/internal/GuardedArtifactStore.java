package io.releasekit.core.artifact.internal;

import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ContentReader;
import io.releasekit.core.artifact.ContentSource;
import io.releasekit.core.artifact.ListingPage;
import io.releasekit.core.artifact.ObjectInfo;
import io.releasekit.core.service.ServiceGuards;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * An {@link ArtifactStore} whose every call goes through the guard of {@link ArtifactStore#service()} (a local store
 * is called directly). Each attempt of a retried call starts over: {@link #putFrom} and {@link #read} open a new
 * stream per attempt, a {@link #put} from an in-memory stream is rewound, and a {@link #put} from any other stream is
 * tried once (its bytes cannot be read twice).
 */
public final class GuardedArtifactStore implements ArtifactStore {

    private final ArtifactStore delegate;
    private final ServiceGuards guards;

    /** Guards {@code delegate}'s calls with {@code guards}. */
    public GuardedArtifactStore(ArtifactStore delegate, ServiceGuards guards) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.guards = Objects.requireNonNull(guards, "guards");
        delegate.services()
                .forEach(guards::register); // known (listed, metered) from the wiring on, before its first call
    }

    /** The unguarded store (for a server-side copy, which needs the vendor's own type). */
    public ArtifactStore delegate() {
        return delegate;
    }

    /** {@code store} without its guard, when it has one. */
    public static ArtifactStore unwrap(ArtifactStore store) {
        return store instanceof GuardedArtifactStore g ? g.delegate : store;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public Optional<String> service() {
        return delegate.service();
    }

    @Override
    public List<String> services() {
        return delegate.services();
    }

    /**
     * Lists page by page, each page one guarded call (its own time limit, retries and breaker count), so a listing of
     * tens of thousands of keys is not a single call against one time limit; sorted by key.
     */
    @Override
    public List<ObjectInfo> list(String prefix) {
        List<ObjectInfo> out = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Optional<String> page = token;
            ListingPage listed = call(() -> delegate.listPage(prefix, page));
            out.addAll(listed.objects());
            token = listed.next();
        } while (token.isPresent());
        out.sort(Comparator.comparing(ObjectInfo::key));
        return out;
    }

    @Override
    public ListingPage listPage(String prefix, Optional<String> token) {
        return call(() -> delegate.listPage(prefix, token));
    }

    @Override
    public ListingPage listPageAfter(String prefix, String startAfter) {
        return call(() -> delegate.listPageAfter(prefix, startAfter));
    }

    @Override
    public Optional<ObjectInfo> stat(ArtifactKey key) {
        return call(() -> delegate.stat(key));
    }

    /** Guards the opening; the reading is the caller's (use {@link #read} to retry both). */
    @Override
    public InputStream open(ArtifactKey key) {
        return call(() -> delegate.open(key));
    }

    @Override
    public ObjectInfo put(ArtifactKey key, InputStream content, long size, String sha256) {
        if (content instanceof ByteArrayInputStream bytes) {
            bytes.mark(Integer.MAX_VALUE);
            return call(() -> {
                bytes.reset();
                return delegate.put(key, bytes, size, sha256);
            });
        }
        return once(() -> delegate.put(key, content, size, sha256));
    }

    @Override
    public ObjectInfo putFrom(ArtifactKey key, ContentSource content, long size, String sha256) {
        return call(() -> delegate.putFrom(key, content, size, sha256));
    }

    /** Retried like any call: a retry after a lost answer meets its own write and fails as a conflict. */
    @Override
    public ObjectInfo putIfUnchanged(ArtifactKey key, byte[] content, Optional<String> expectedSha256) {
        return call(() -> delegate.putIfUnchanged(key, content, expectedSha256));
    }

    @Override
    public <T> T read(ArtifactKey key, ContentReader<T> reader) {
        return call(() -> delegate.read(key, reader));
    }

    @Override
    public void planPut(ArtifactKey key) {
        delegate.planPut(key); // a plan is made where the write happens, below the guard too
    }

    @Override
    public void planPutsBelow(String prefix) {
        delegate.planPutsBelow(prefix);
    }

    @Override
    public Optional<ObjectInfo> serverSideCopy(ArtifactStore source, ArtifactKey from, ArtifactKey to, String sha256) {
        return call(() -> delegate.serverSideCopy(unwrap(source), from, to, sha256));
    }

    @Override
    public Optional<ObjectInfo> serverSideCopy(
            ArtifactStore source, ObjectInfo verified, ArtifactKey to, String sha256) {
        return call(() -> delegate.serverSideCopy(unwrap(source), verified, to, sha256));
    }

    @Override
    public void delete(ArtifactKey key) {
        call(() -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public ObjectInfo move(ObjectInfo from, ArtifactKey to) {
        return call(() -> delegate.move(from, to));
    }

    @Override
    public String toString() {
        return delegate.toString();
    }

    private <T> T call(Callable<T> action) {
        Optional<String> service = delegate.service();
        return service.isPresent() ? guards.call(service.get(), action) : direct(action);
    }

    private <T> T once(Callable<T> action) {
        Optional<String> service = delegate.service();
        return service.isPresent() ? guards.callOnce(service.get(), action) : direct(action);
    }

    private static <T> T direct(Callable<T> action) {
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
}
