package io.releasekit.api.deploy;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;
import io.releasekit.notify.HttpDeploymentStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One deployment's status endpoint: {@code releasekit.deployments.<name>.*} — {@code url} (the JSON status document,
 * e.g. {@code https://prod.packit.dev/api/system}), {@code components} (component name → JSON pointer of its version or
 * commit), optional {@code token} (sent as a bearer token; from the environment), {@code timeout} (one read, default
 * 10 s) and {@code allow-http}.
 */
@EachProperty("releasekit.deployments")
public class DeploymentProperties {

    private final String name;
    private String url;
    private String token;
    private Duration timeout = Duration.ofSeconds(10);
    private boolean allowHttp;
    private Map<String, String> components = new LinkedHashMap<>();

    public DeploymentProperties(@Parameter String name) {
        this.name = name;
    }

    /** The deployment name. */
    public String getName() {
        return name;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public void setToken(String token) {
        this.token = token;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public void setAllowHttp(boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    /** Component names are kept as written ({@code packit-service}), not converted. */
    public void setComponents(@MapFormat(keyFormat = StringConvention.RAW) Map<String, String> components) {
        this.components = new LinkedHashMap<>(components);
    }

    /** The adapter, built with its own builder. */
    public HttpDeploymentStatus toStatus() {
        return HttpDeploymentStatus.builder(name)
                .url(url)
                .token(token)
                .timeout(timeout)
                .allowHttp(allowHttp)
                .components(components)
                .build();
    }

    /** Never shows the token. */
    @Override
    public String toString() {
        return "DeploymentProperties[" + name + "]";
    }
}
