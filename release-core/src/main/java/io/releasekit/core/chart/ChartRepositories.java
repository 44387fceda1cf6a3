package io.releasekit.core.chart;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.internal.Text;
import io.releasekit.core.service.ServiceGuards;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The configured chart repositories by name, handed out guarded by {@link ChartRepository#service()}. */
public final class ChartRepositories {

    private final Map<String, ChartRepository> repositories;

    private ChartRepositories(Map<String, ChartRepository> repositories) {
        this.repositories = Map.copyOf(repositories);
    }

    /** The repositories, each guarded with {@code guards}. */
    public static ChartRepositories of(Map<String, ? extends ChartRepository> repositories, ServiceGuards guards) {
        Map<String, ChartRepository> m = new LinkedHashMap<>();
        repositories.forEach((name, r) -> m.put(name, new ChartRepository() {
            @Override
            public String name() {
                return r.name();
            }

            @Override
            public String service() {
                return r.service();
            }

            @Override
            public Optional<Published> find(String chart, String version) {
                return guards.call(r.service(), () -> r.find(chart, version));
            }
        }));
        return new ChartRepositories(m);
    }

    /**
     * The repository with this name.
     *
     * @throws NotFoundException naming the configured ones when there is none by that name
     */
    public ChartRepository get(String name) {
        ChartRepository r = repositories.get(name);
        if (r == null) {
            throw new NotFoundException("no chart repository named '" + Text.printable(name, 64)
                    + "' is configured; configured: " + names());
        }
        return r;
    }

    /** The configured names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(repositories).keySet();
    }
}
