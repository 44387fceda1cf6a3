package io.releasekit.core.image.internal;

import io.releasekit.core.host.StreamSource;
import io.releasekit.core.image.Descriptor;
import io.releasekit.core.image.ImageConfig;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.image.ImageManifest;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.Protection;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * An image registry whose visible writes pass the {@link Protection} check first (its gate, as for stores and
 * repositories): {@link #putManifest} is the write {@code registry <name>: <repository>:<tag>} (or {@code @<digest>}),
 * {@code write}; {@link #deleteTag} and {@link #deleteManifest} are
 * {@code delete}s of the tag or digest. Reads go straight through, and so do blob uploads and mounts: a blob no
 * manifest names is not visible to pullers and is collected by the registry, so it changes nothing a rule protects.
 */
public final class ProtectedImageRegistry implements ImageRegistry {

    private final ImageRegistry delegate;
    private final Protection gate;

    /** Protects {@code delegate} by {@code protection}; its targets are named by {@link ImageRegistry#name()}. */
    public ProtectedImageRegistry(ImageRegistry delegate, Protection protection) {
        this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
        this.gate = java.util.Objects.requireNonNull(protection, "protection");
    }

    /** The registry without protection. */
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
        return delegate.listTags(repository);
    }

    @Override
    public Optional<ImageManifest> manifest(String repository, String reference) {
        return delegate.manifest(repository, reference);
    }

    @Override
    public Optional<ImageDigest> resolve(String repository, String reference) {
        return delegate.resolve(repository, reference);
    }

    @Override
    public ImageConfig config(String repository, ImageManifest manifest) {
        return delegate.config(repository, manifest);
    }

    @Override
    public boolean hasBlob(String repository, ImageDigest digest) {
        return delegate.hasBlob(repository, digest);
    }

    @Override
    public boolean mountBlob(String repository, ImageDigest digest, String fromRepository) {
        return delegate.mountBlob(repository, digest, fromRepository);
    }

    @Override
    public InputStream openBlob(String repository, ImageDigest digest) {
        return delegate.openBlob(repository, digest);
    }

    @Override
    public void pushBlob(String repository, Descriptor blob, StreamSource content) {
        delegate.pushBlob(repository, blob, content);
    }

    @Override
    public ImageDigest putManifest(String repository, String reference, String mediaType, byte[] bytes) {
        List<PlannedWrite> w = List.of(PlannedWrite.imageWrite(
                name(),
                repository,
                reference,
                "put manifest " + repository + (ImageDigest.isDigest(reference) ? "@" : ":") + reference + " in "
                        + name()));
        gate.allow(w);
        ImageDigest d = delegate.putManifest(repository, reference, mediaType, bytes);
        gate.written(w);
        return d;
    }

    @Override
    public boolean supportsTagDelete() {
        return delegate.supportsTagDelete();
    }

    @Override
    public void deleteTag(String repository, String tag) {
        List<PlannedWrite> w = List.of(PlannedWrite.imageDelete(
                name(), repository, tag, "delete tag " + repository + ":" + tag + " in " + name()));
        gate.allow(w);
        delegate.deleteTag(repository, tag);
        gate.written(w);
    }

    @Override
    public void deleteManifest(String repository, ImageDigest digest) {
        List<PlannedWrite> w = List.of(PlannedWrite.imageDelete(
                name(), repository, digest.value(), "delete manifest " + repository + "@" + digest + " in " + name()));
        gate.allow(w);
        delegate.deleteManifest(repository, digest);
        gate.written(w);
    }

    @Override
    public String toString() {
        return "protected " + delegate;
    }
}
