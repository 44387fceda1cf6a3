package io.releasekit.core.chart;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.image.ImageReference;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The optional part of the chart check: every image reference of a chart that is pinned (SemVer tag or digest) must
 * exist in its registry. A reference is looked up in the configured registry whose {@link ImageRegistry#host()} is the
 * reference's registry ({@code docker.io} when it names none; Docker Hub's {@code library/} prefix is added for
 * single-name repositories). A reference to a registry that is not configured is a finding too: it cannot be shown to
 * exist.
 */
public final class ChartImagesExist {

    private ChartImagesExist() {}

    /**
     * Checks the images of a report.
     *
     * @param report the chart check's report
     * @param registries the configured registries (guarded)
     * @return one {@link ChartFinding.Kind#IMAGE_MISSING} finding per pinned reference that does not resolve
     */
    public static List<ChartFinding> check(ChartReport report, ImageRegistries registries) {
        Map<String, ImageRegistry> byHost = new LinkedHashMap<>();
        for (String name : registries.names()) {
            ImageRegistry r = registries.get(name);
            byHost.putIfAbsent(r.host(), r);
        }
        List<ChartFinding> out = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (ImageUse use : report.images()) {
            if (!use.pin().accepted() || use.reference().isEmpty()) {
                continue; // refused already by the chart check
            }
            ImageReference ref = use.reference().get();
            String host = ref.registry().orElse("docker.io");
            String repo = host.equals("docker.io") && !ref.repository().contains("/")
                    ? "library/" + ref.repository()
                    : ref.repository();
            String reference =
                    ref.digest().map(Object::toString).orElseGet(() -> ref.tag().orElseThrow());
            Optional<ImageRegistry> registry = Optional.ofNullable(byHost.get(host));
            String message;
            if (registry.isEmpty()) {
                message = "registry " + host + " is not configured, so the image cannot be shown to exist";
            } else {
                String key = host + "/" + repo + "@" + reference;
                boolean exists = seen.computeIfAbsent(key, k -> exists(registry.get(), repo, reference));
                if (exists) {
                    continue;
                }
                message = "no image " + repo + ":" + reference + " in registry '"
                        + registry.get().name() + "'";
            }
            out.add(new ChartFinding(
                    ChartFinding.Kind.IMAGE_MISSING, use.file(), use.path(), use.line(), use.written(), message));
        }
        return out;
    }

    private static boolean exists(ImageRegistry registry, String repository, String reference) {
        try {
            return registry.resolve(repository, reference).isPresent();
        } catch (NotFoundException e) {
            return false; // the repository itself does not exist
        }
    }
}
