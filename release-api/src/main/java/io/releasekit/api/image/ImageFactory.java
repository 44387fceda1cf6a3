package io.releasekit.api.image;

import io.releasekit.core.chart.ChartRepositories;
import io.releasekit.core.chart.ChartRepository;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.image.TagWaiter;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.process.chart.ChartBumpProcess;
import io.releasekit.process.chart.ChartCheckProcess;
import io.releasekit.process.image.ImageCheckProcess;
import io.releasekit.process.image.ImagePromoteProcess;
import io.releasekit.process.image.ImageRetentionProcess;
import io.releasekit.process.image.ImageWaitProcess;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured image registries ({@code releasekit.registries.*}) and chart repositories
 * ({@code releasekit.chart-repositories.*}), guarded, and the image and chart run kinds over them. With nothing
 * configured both are empty and the application still starts.
 */
@io.micronaut.context.annotation.Factory
public class ImageFactory {

    /**
     * Every configured registry, built with the library's builders, guarded as {@code registry:<host>} and protected:
     * a manifest write or a tag or manifest deletion in an image repository a {@code releasekit.protection.rules.*}
     * rule names needs that rule's approvals.
     */
    @Singleton
    public ImageRegistries imageRegistries(
            List<RegistryProperties> registries, ServiceGuards guards, Protection protection) {
        return ImageRegistries.of(unguarded(registries), guards, ImageRegistries.protectedBy(protection));
    }

    /** Every configured chart repository, guarded. */
    @Singleton
    public ChartRepositories chartRepositories(
            List<ChartRepositoryProperties> charts, List<RegistryProperties> registries, ServiceGuards guards) {
        Map<String, ImageRegistry> plain = unguarded(registries);
        Map<String, ChartRepository> m = new LinkedHashMap<>();
        charts.forEach(c -> m.put(c.getName(), c.toRepository(plain)));
        return ChartRepositories.of(m, guards);
    }

    private static Map<String, ImageRegistry> unguarded(List<RegistryProperties> registries) {
        Map<String, ImageRegistry> m = new LinkedHashMap<>();
        registries.forEach(r -> m.put(r.getName(), r.toRegistry()));
        return m;
    }

    /** {@code image.check}. */
    @Singleton
    @Named(ImageCheckProcess.KIND)
    public ProcessDefinition imageCheck(SourceRepositories repositories) {
        return new ImageCheckProcess(repositories);
    }

    /** {@code chart.check}. */
    @Singleton
    @Named(ChartCheckProcess.KIND)
    public ProcessDefinition chartCheck(
            SourceRepositories repositories, ChartRepositories charts, ImageRegistries registries) {
        return new ChartCheckProcess(repositories, charts, registries);
    }

    /** {@code chart.bump}. */
    @Singleton
    @Named(ChartBumpProcess.KIND)
    public ProcessDefinition chartBump(SourceRepositories repositories) {
        return new ChartBumpProcess(repositories);
    }

    /** {@code image.promote}. */
    @Singleton
    @Named(ImagePromoteProcess.KIND)
    public ProcessDefinition imagePromote(ImageRegistries registries) {
        return new ImagePromoteProcess(registries);
    }

    /** {@code image.wait}. */
    @Singleton
    @Named(ImageWaitProcess.KIND)
    public ProcessDefinition imageWait(ImageRegistries registries) {
        return new ImageWaitProcess(registries, new TagWaiter(Clock.systemUTC(), Sleeper.threadSleep()));
    }

    /** {@code image.retention}. */
    @Singleton
    @Named(ImageRetentionProcess.KIND)
    public ProcessDefinition imageRetention(ImageRegistries registries) {
        return new ImageRetentionProcess(registries, Clock.systemUTC());
    }
}
