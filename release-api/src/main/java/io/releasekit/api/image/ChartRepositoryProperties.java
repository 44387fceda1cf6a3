package io.releasekit.api.image;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.chart.ChartRepository;
import io.releasekit.core.redact.Secret;
import io.releasekit.registry.HelmChartRepository;
import io.releasekit.registry.OciChartRepository;
import io.releasekit.registry.RegistryCredentials;
import java.net.URI;
import java.util.Map;

/**
 * One configured chart repository: {@code releasekit.chart-repositories.<name>.*}, either an HTTP Helm repository
 * ({@code url}, the one {@code helm repo add} takes, with optional {@code username}/{@code password}) or charts in a
 * configured image registry ({@code registry} and {@code namespace}, as {@code helm push ... oci://host/namespace}).
 */
@EachProperty("releasekit.chart-repositories")
public class ChartRepositoryProperties {

    private final String name;
    private String url;
    private String username;
    private String password;
    private String registry;
    private String namespace = "";

    public ChartRepositoryProperties(@Parameter String name) {
        this.name = name;
    }

    /** The repository's name. */
    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getRegistry() {
        return registry;
    }

    public void setRegistry(String registry) {
        this.registry = registry;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    /** The adapter; an OCI one uses the unguarded registry (the chart registries guard). */
    ChartRepository toRepository(Map<String, io.releasekit.core.image.ImageRegistry> registries) {
        if ((url == null) == (registry == null)) {
            throw new InvalidInputException(
                    "releasekit.chart-repositories." + name + " needs either url (HTTP Helm) or registry (OCI)");
        }
        if (url != null) {
            RegistryCredentials c = username == null
                    ? RegistryCredentials.anonymous()
                    : RegistryCredentials.basic(username, Secret.of(password, "password of chart repository " + name));
            return new HelmChartRepository(name, URI.create(url), c);
        }
        io.releasekit.core.image.ImageRegistry r = registries.get(registry);
        if (r == null) {
            throw new InvalidInputException("releasekit.chart-repositories." + name + ".registry '" + registry
                    + "' is not a configured registry");
        }
        return new OciChartRepository(name, r, namespace);
    }
}
