package io.releasekit.core.image;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.image.internal.GuardedImageRegistry;
import io.releasekit.core.image.internal.ProtectedImageRegistry;
import io.releasekit.core.internal.Text;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.service.ServiceGuards;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The configured image registries, by name ({@code quay}, {@code staging}), handed out guarded: every call of a
 * registry from {@link #get(String)} goes through the service guard named by {@link ImageRegistry#service()}.
 *
 * <p>A decorator given to {@link #of(Map, ServiceGuards, UnaryOperator)} wraps each guarded registry once more; the
 * protection of image repositories plugs in there and checks approvals on {@link ImageRegistry#deleteTag}, {@link
 * ImageRegistry#deleteManifest} and {@link ImageRegistry#putManifest} ({@link #protectedBy(Protection)}):
 *
 * <pre>{@code
 * ImageRegistries registries = ImageRegistries.of(Map.of("quay", quay), guards, ImageRegistries.protectedBy(protection));
 * registries.get("quay").deleteManifest("packit/packit-service", digest); // ApprovalRequiredException if protected
 * }</pre>
 */
public final class ImageRegistries {

    private final Map<String, ImageRegistry> registries;

    private ImageRegistries(Map<String, ImageRegistry> registries) {
        this.registries = Map.copyOf(registries);
    }

    /** The registries, each guarded with {@code guards}. */
    public static ImageRegistries of(Map<String, ? extends ImageRegistry> registries, ServiceGuards guards) {
        return of(registries, guards, UnaryOperator.identity());
    }

    /** The registries, each guarded with {@code guards} and then wrapped by {@code decorator}. */
    public static ImageRegistries of(
            Map<String, ? extends ImageRegistry> registries,
            ServiceGuards guards,
            UnaryOperator<ImageRegistry> decorator) {
        Objects.requireNonNull(guards, "guards");
        Objects.requireNonNull(decorator, "decorator");
        Map<String, ImageRegistry> m = new LinkedHashMap<>();
        registries.forEach((name, r) -> m.put(name, decorator.apply(new GuardedImageRegistry(r, guards))));
        return new ImageRegistries(m);
    }

    /**
     * The decorator that protects a registry by {@code protection}: a manifest stored under a tag or digest is the
     * write {@code registry <name>: <repository>:<tag>} ({@code @<digest>}), {@code write}; a tag or manifest deletion
     * the same target, {@code delete}. Reads, blob uploads and blob mounts pass through (a blob no manifest names is
     * invisible to pullers).
     */
    public static UnaryOperator<ImageRegistry> protectedBy(Protection protection) {
        Objects.requireNonNull(protection, "protection");
        return r -> new ProtectedImageRegistry(r, protection);
    }

    /**
     * The registry with this name.
     *
     * @throws NotFoundException naming the configured registries when there is none by that name
     */
    public ImageRegistry get(String name) {
        ImageRegistry r = registries.get(name);
        if (r == null) {
            throw new NotFoundException(
                    "no image registry named '" + Text.printable(name, 64) + "' is configured; configured: " + names());
        }
        return r;
    }

    /** The configured names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(registries).keySet();
    }
}
