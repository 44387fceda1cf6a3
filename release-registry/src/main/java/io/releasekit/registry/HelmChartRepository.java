package io.releasekit.registry;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.chart.ChartRepository;
import io.releasekit.core.image.ImageDigest;
import io.releasekit.core.service.ServiceNames;
import io.releasekit.registry.internal.RegistryErrors;
import io.releasekit.registry.internal.RegistryHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * {@link ChartRepository} over a classic HTTP Helm repository: reads {@code <base>/index.yaml} (as {@code helm repo
 * add} does) and finds a chart version in its {@code entries} with the package's {@code digest}. Guarded as
 * {@code helm:<host>}.
 */
public final class HelmChartRepository implements ChartRepository {

    private static final int MAX_INDEX = 32 * 1024 * 1024;

    private final String name;
    private final URI base;
    private final String service;
    private final RegistryHttp http;

    /**
     * @param name the name the repository is configured under
     * @param base the repository URL, the one {@code helm repo add} takes ({@code https://charts.aetherproject.org})
     * @param credentials anonymous, or Basic credentials
     */
    public HelmChartRepository(String name, URI base, RegistryCredentials credentials) {
        this.name = Objects.requireNonNull(name, "name");
        if (base == null || base.getHost() == null || !base.getScheme().startsWith("http")) {
            throw new InvalidInputException("chart repository '" + name + "' needs an http(s) URL, was '" + base + "'");
        }
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.service = ServiceNames.helm(base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort());
        this.http = new RegistryHttp(this.base, credentials, new RegistryErrors(service), Duration.ofSeconds(60));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public Optional<Published> find(String chart, String version) {
        String where = "read index.yaml of chart repository '" + name + "'";
        HttpResponse<byte[]> r = http.expectOk(
                () -> HttpRequest.newBuilder(http.uri("index.yaml")).GET(), "", where);
        if (r.body().length > MAX_INDEX) {
            throw new InvalidInputException(where + ": larger than " + MAX_INDEX + " bytes");
        }
        Object index;
        try {
            index = new Load(LoadSettings.builder()
                            .setLabel("index.yaml")
                            .setCodePointLimit(MAX_INDEX)
                            .build())
                    .loadFromString(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (YamlEngineException e) {
            throw new InvalidInputException(
                    where + ": not valid YAML: "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        if (!(index instanceof Map<?, ?> m) || !(m.get("entries") instanceof Map<?, ?> entries)) {
            throw new InvalidInputException(where + ": no 'entries' map; is this a Helm repository?");
        }
        if (!(entries.get(chart) instanceof List<?> versions)) {
            return Optional.empty();
        }
        for (Object o : versions) {
            if (o instanceof Map<?, ?> v && version.equals(String.valueOf(v.get("version")))) {
                Optional<ImageDigest> digest = Optional.ofNullable(v.get("digest"))
                        .map(String::valueOf)
                        .map(d -> d.startsWith("sha256:") ? d : "sha256:" + d)
                        .filter(ImageDigest::isDigest)
                        .map(ImageDigest::of);
                return Optional.of(new Published(version, digest));
            }
        }
        return Optional.empty();
    }
}
