package io.releasekit.api.image;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.image.ImageRegistry;
import io.releasekit.core.redact.Secret;
import io.releasekit.registry.OciImageRegistry;
import io.releasekit.registry.QuayImageRegistry;
import io.releasekit.registry.RegistryCredentials;
import java.net.URI;
import java.time.Duration;

/**
 * One configured image registry: {@code releasekit.registries.<name>.*}. Requests name a registry; they never carry
 * a URL.
 *
 * <ul>
 *   <li>{@code url} — the registry's base URL, e.g. {@code https://quay.io} (required)
 *   <li>{@code username}, {@code password} — a user or robot account and its password or token (Basic, or exchanged
 *       at the registry's token server); never shown
 *   <li>{@code quay-api-token} — an OAuth token for Quay's API: the registry is then a Quay registry whose tags are
 *       listed, deleted and expired through that API; never shown
 *   <li>{@code timeout} — the time limit of one request, a layer upload included (default 60s)
 * </ul>
 */
@EachProperty("releasekit.registries")
public class RegistryProperties {

    private final String name;
    private String url;
    private String username;
    private String password;
    private String quayApiToken;
    private Duration timeout = Duration.ofSeconds(60);

    public RegistryProperties(@Parameter String name) {
        this.name = name;
    }

    /** The registry's name. */
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

    public String getQuayApiToken() {
        return quayApiToken;
    }

    public void setQuayApiToken(String quayApiToken) {
        this.quayApiToken = quayApiToken;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** The adapter, built with the library's own builder. */
    ImageRegistry toRegistry() {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("releasekit.registries." + name + ".url is missing");
        }
        URI base = URI.create(url);
        RegistryCredentials credentials = username == null
                ? RegistryCredentials.anonymous()
                : RegistryCredentials.basic(username, Secret.of(password, "password of registry '" + name + "'"));
        OciImageRegistry oci = OciImageRegistry.builder(name, base)
                .credentials(credentials)
                .timeout(timeout)
                .build();
        return quayApiToken == null
                ? oci
                : new QuayImageRegistry(
                        oci, base, Secret.of(quayApiToken, "Quay API token of registry '" + name + "'"));
    }
}
