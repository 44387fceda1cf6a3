package io.releasekit.registry.testkit;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * One Debian {@code docker-registry} (distribution 2.8) container per test JVM, built from
 * {@code src/test/resources/docker/registry} (no registry needed to build it, see docs/docker.md), delete enabled, no
 * auth. Started on first use, stopped when the JVM exits. Without Docker: a failure when Docker is required
 * ({@code CI=true} or {@code -Dreleasekit.requireDocker=true}), else a skip.
 */
public final class RegistryContainer {

    /** The image tag; kept between runs (no Ryuk here) and rebuilt from the layer cache. */
    public static final String IMAGE = "releasekit/docker-registry-test:2.8";

    private static RegistryContainer shared;

    private final GenericContainer<?> container;

    private RegistryContainer(GenericContainer<?> container) {
        this.container = container;
    }

    /** The shared container, started if needed. */
    public static synchronized RegistryContainer shared() {
        requireDocker();
        if (shared == null) {
            ImageFromDockerfile image = new ImageFromDockerfile(IMAGE, false)
                    .withFileFromClasspath("Dockerfile", "docker/registry/Dockerfile")
                    .withFileFromClasspath("config.yml", "docker/registry/config.yml");
            GenericContainer<?> c = new GenericContainer<>(image)
                    .withExposedPorts(5000)
                    .withImagePullPolicy(name -> false)
                    .waitingFor(Wait.forHttp("/v2/").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)));
            c.start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "registry-container-stop"));
            shared = new RegistryContainer(c);
        }
        return shared;
    }

    /** Fails (Docker required: CI=true or releasekit.requireDocker) or skips the calling test when Docker is absent. */
    public static void requireDocker() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String how = "Docker is not available to Testcontainers: run eval \"$(scripts/setup-docker.sh)\" first";
        if (Boolean.getBoolean("releasekit.requireDocker") || "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(how + "; Docker is required here (CI=true), so this is a failure");
        }
        Assumptions.abort(how + "; skipped because Docker is not required (CI is not set)");
    }

    /** The registry's base URI as {@code localhost}. */
    public URI uri() {
        return URI.create("http://localhost:" + container.getMappedPort(5000));
    }

    /**
     * The same registry under another host name ({@code 127.0.0.1}): to releasekit a different registry, so a copy
     * between the two streams blobs instead of mounting them.
     */
    public URI otherName() {
        return URI.create("http://127.0.0.1:" + container.getMappedPort(5000));
    }
}
