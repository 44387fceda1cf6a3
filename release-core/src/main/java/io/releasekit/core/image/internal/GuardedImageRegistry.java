package io.releasekit.core.image.internal;

import io.releasekit.core.host.StreamSource;
import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageManifest;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.service.ServiceGuards;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry whose every call goes through the guard {@link ImageRegistry#service()}. A blob stream is guarded while it
 * is opened; an upload is retried by opening its source again.
 */
public final class GuardedImageRegistry implements ImageRegistry {

    private final ImageRegistry delegate;
    private final ServiceGuards guards;

    /** Guards {@code delegate} with {@code guards}. */
    public GuardedImageRegistry(ImageRegistry delegate, ServiceGuards guards) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.guards = Objects.requireNonNull(guards, "guards");
        guards.register(delegate.service()); // known (listed, metered) from the wiring on, before its first call
    }

    /** The unguarded registry. */
    public ImageRegistry delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String host() {
        return delegate.host();
    }

    @Override
    public String service() {
        return delegate.service();
    }

    @Override
    public List<String> listTags(String repository) {
        return guards.call(service(), () -> delegate.listTags(repository));
    }

    @Override
    public Optional<ImageManifest> manifest(String repository, String reference) {
        return guards.call(service(), () -> delegate.manifest(repository, reference));
    }

    @Override
    public Optional<ImageDigest> resolve(String repository, String reference) {
        return guards.call(service(), () -> delegate.resolve(repository, reference));
    }

    @Override
    public ImageConfig config(String repository, ImageManifest manifest) {
        return guards.call(service(), () -> delegate.config(repository, manifest));
    }

    @Override
    public boolean hasBlob(String repository, ImageDigest digest) {
        return guards.call(service(), () -> delegate.hasBlob(repository, digest));
    }

    @Override
    public boolean mountBlob(String repository, ImageDigest digest, String fromRepository) {
        return guards.call(service(), () -> delegate.mountBlob(repository, digest, fromRepository));
    }

    @Override
    public InputStream openBlob(String repository, ImageDigest digest) {
        return guards.call(service(), () -> delegate.openBlob(repository, digest));
    }

    @Override
    public void pushBlob(String repository, Descriptor blob, StreamSource content) {
        guards.run(service(), () -> delegate.pushBlob(repository, blob, content));
    }

    @Override
    public ImageDigest putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        return guards.call(service(), () -> delegate.putManifest(repository, reference, mediaType, bytes));
    }

    @Override
    public boolean supportsTagDelete() {
        return delegate.supportsTagDelete();
    }

    @Override
    public void deleteTag(String repository, String tag) {
        guards.run(service(), () -> delegate.deleteTag(repository, tag));
    }

    @Override
    public void deleteManifest(String repository, ImageDigest digest) {
        guards.run(service(), () -> delegate.deleteManifest(repository, digest));
    }
}
