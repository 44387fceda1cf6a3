package io.releasekit.api.testkit;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * One PostgreSQL 15 container per test JVM, built from {@code src/test/resources/docker/postgresql} (no registry
 * needed, see docs/docker.md), started on first use and stopped when the JVM exits.
 *
 * <p>Without Docker: when Docker is required ({@code CI=true} or {@code -Dreleasekit.requireDocker=true}, which the
 * build passes on from the {@code ci} profile) {@link #shared()} fails with a message saying how to get it; otherwise
 * the calling test is skipped.
 */
public final class PostgresContainer {

    /** The image tag; kept between runs (no Ryuk here), rebuilt from the layer cache in ~0.1 s. */
    public static final String IMAGE = "releasekit/postgresql-test:15";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresContainer.class);
    private static final String CREDENTIAL = "releasekit";
    private static PostgresContainer shared;

    private final GenericContainer<?> container;
    private final Duration startTime;

    private PostgresContainer(GenericContainer<?> container, Duration startTime) {
        this.container = container;
        this.startTime = startTime;
    }

    /** The shared container, started if needed. */
    public static synchronized PostgresContainer shared() {
        requireDocker();
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** Whether Docker-backed tests must run rather than be skipped. */
    public static boolean dockerRequired() {
        return Boolean.getBoolean("releasekit.requireDocker") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Fails (Docker required) or skips the current test (not required) when Docker does not answer. */
    public static void requireDocker() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String how = "Docker is not available to Testcontainers: run eval \"$(scripts/setup-docker.sh)\" first "
                + "(see docs/docker.md)";
        if (dockerRequired()) {
            throw new IllegalStateException(
                    how + ". Docker is required here (CI=true or releasekit.requireDocker=true),"
                            + " so this is a failure, not a skip.");
        }
        Assumptions.abort(how + "; skipped because Docker is not required (CI is not set)");
    }

    private static PostgresContainer start() {
        ImageFromDockerfile image = new ImageFromDockerfile(IMAGE, false)
                .withFileFromClasspath("Dockerfile", "docker/postgresql/Dockerfile")
                .withFileFromClasspath("initdb.sh", "docker/postgresql/initdb.sh")
                .withFileFromClasspath("entrypoint.sh", "docker/postgresql/entrypoint.sh");
        int hostPort = freePort();
        GenericContainer<?> c = new GenericContainer<>(image)
                .withExposedPorts(5432)
                // a fixed host port survives a stop and start of the container (the database outage drill)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPortBindings(new PortBinding(Ports.Binding.bindPort(hostPort), new ExposedPort(5432))))
                .withImagePullPolicy(name -> false) // no registry is reachable: never wait for one
                .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 1)
                        .withStartupTimeout(Duration.ofSeconds(60)));
        long t0 = System.nanoTime();
        c.start();
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        LOG.info("PostgreSQL container {} ready in {} ms", c.getContainerId(), took.toMillis());
        Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "postgres-container-stop"));
        return new PostgresContainer(c, took);
    }

    /** The JDBC URL of the {@code releasekit} database. */
    public String jdbcUrl() {
        return jdbcUrl("releasekit");
    }

    /** The JDBC URL of a database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(5432) + "/" + database;
    }

    /**
     * Creates a fresh, empty database on this server (dropping one of that name first), for a test class that must not
     * see other classes' runs.
     *
     * @return its JDBC URL
     */
    public String freshDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database name '" + name + "' is not a plain lower-case identifier");
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(), username(), password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " OWNER " + CREDENTIAL);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /**
     * Stops the server (PostgreSQL's fast shutdown: clients are disconnected, new connections are refused) until {@link
     * #startAgain()}; its data and host port are kept.
     */
    public void stop() {
        container
                .getDockerClient()
                .stopContainerCmd(container.getContainerId())
                .withTimeout(10)
                .exec();
    }

    /** Starts the server stopped by {@link #stop()} and waits until it accepts connections again. */
    public void startAgain() {
        container
                .getDockerClient()
                .startContainerCmd(container.getContainerId())
                .exec();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(this::accepts);
    }

    /** Whether the server accepts a connection now. */
    public boolean accepts() {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), username(), password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }

    /** The user name. */
    public String username() {
        return CREDENTIAL;
    }

    /** The password. */
    public String password() {
        return CREDENTIAL;
    }

    /** How long building the image (from cache) and starting the container took. */
    public Duration startTime() {
        return startTime;
    }

    /** Application properties pointing the default data source at this database. */
    public Map<String, Object> datasourceProperties() {
        return Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", username(),
                "datasources.default.password", password());
    }
}
