package io.releasekit.api.persistence;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.releasekit.api.DataDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's schema template: an empty H2 database file that the build migrates with the service's own
 * Flyway migrations and URL settings, and that a start on a fresh data directory copies instead of creating the
 * database and running every migration (about 0.1 s and 0.2 s of CPU of a 1.2 s start; docs/benchmarks.md, session 7).
 * Flyway still runs at every start and validates the copy against the migrations in the jar, applying any the template
 * lacks, so a stale or foreign template cannot go unnoticed.
 *
 * <p>The template is installed only when the database file does not exist yet, only for an H2 file URL whose settings
 * (everything after the path) are the ones the template was made with, and atomically (a copy under a temporary name,
 * then a rename that never replaces a file): an existing database is never touched. Without the template on the class
 * path (a build that skipped it), Flyway creates the database as before.
 *
 * <p>{@code main(directory)} makes the template: the build runs it after compiling (release-api/pom.xml).
 */
public final class SchemaTemplate {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaTemplate.class);

    /** Where the template lies on the class path. */
    static final String RESOURCE = "db/template/releasekit.mv.db";
    /** The URL settings the template was made with (the part of the JDBC URL after the database path). */
    static final String SETTINGS_RESOURCE = "db/template/releasekit.settings";

    private static final String H2_FILE = "jdbc:h2:file:";
    private static final String MV_DB = ".mv.db";

    private SchemaTemplate() {}

    /**
     * Installs the template as the database of an H2 file URL when that database does not exist yet and the URL's
     * settings are the template's.
     *
     * @param jdbcUrl the data source's URL
     * @return the database file the template was installed as, or null when it was not (another database, a file
     *     already there, no template)
     */
    public static @Nullable Path installIfFresh(String jdbcUrl) {
        return installIfFresh(jdbcUrl, SchemaTemplate.class.getClassLoader());
    }

    static @Nullable Path installIfFresh(String jdbcUrl, ClassLoader loader) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(H2_FILE)) {
            return null;
        }
        int semicolon = jdbcUrl.indexOf(';');
        String path =
                semicolon < 0 ? jdbcUrl.substring(H2_FILE.length()) : jdbcUrl.substring(H2_FILE.length(), semicolon);
        String settings = semicolon < 0 ? "" : jdbcUrl.substring(semicolon);
        if (path.isEmpty() || path.startsWith("~")) {
            return null;
        }
        Path database = Path.of(path + MV_DB).toAbsolutePath().normalize();
        if (Files.exists(database) || Files.exists(Path.of(path + ".h2.db"))) {
            return null;
        }
        String templateSettings = read(loader, SETTINGS_RESOURCE);
        if (templateSettings == null || !templateSettings.equals(settings)) {
            return null;
        }
        try (InputStream template = loader.getResourceAsStream(RESOURCE)) {
            if (template == null) {
                return null;
            }
            new DataDirectory(database.getParent().toString()).create(); // owner-only, as the service makes it
            Path partial = database.resolveSibling(database.getFileName() + ".template-"
                    + ProcessHandle.current().pid());
            try {
                Files.copy(template, partial, StandardCopyOption.REPLACE_EXISTING);
                try {
                    // a rename that never replaces: a database another process created meanwhile stays as it is
                    Files.createLink(database, partial);
                } catch (FileAlreadyExistsException e) {
                    return null;
                } catch (UnsupportedOperationException | IOException e) {
                    try {
                        Files.move(partial, database); // no hard links here; without REPLACE_EXISTING it refuses too
                    } catch (FileAlreadyExistsException again) {
                        return null;
                    }
                }
            } finally {
                Files.deleteIfExists(partial);
            }
            LOG.debug("created the database {} from the schema template", database);
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database " + database + " from the schema template", e);
        }
    }

    private static @Nullable String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Makes the template in a directory (the build's class output): migrates a fresh H2 database at the URL the service
     * would use, with the service's Flyway locations, and writes it with its URL settings.
     *
     * @param args the directory to write {@code db/template/} into
     */
    public static void main(String[] args) throws IOException, SQLException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaTemplate <class output directory>");
        }
        Path out = Path.of(args[0]);
        Path work = Files.createTempDirectory("releasekit-schema-template");
        try {
            String url;
            String locations;
            // the service's own configuration (application.yml), not the building machine's environment
            try (ApplicationContext context = ApplicationContext.builder()
                    .deduceEnvironment(false)
                    .environmentPropertySource(false)
                    .properties(Map.of("releasekit.data-dir", work.toString()))
                    .build()) {
                Environment environment = context.getEnvironment();
                environment.start();
                url = environment.getRequiredProperty("datasources.default.url", String.class);
                locations = environment
                        .getProperty("flyway.datasources.default.locations", String.class)
                        .orElse("classpath:db/migration");
            }
            if (!url.startsWith(H2_FILE + work)) {
                throw new IllegalStateException(
                        "the default data source is not an H2 file in the data directory: " + url);
            }
            Flyway.configure()
                    .dataSource(url, "sa", "")
                    .locations(locations.split(","))
                    .load()
                    .migrate();
            try (Connection connection = DriverManager.getConnection(url, "sa", "");
                    Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN COMPACT");
            }
            int semicolon = url.indexOf(';');
            String settings = semicolon < 0 ? "" : url.substring(semicolon);
            Path database = Path.of(url.substring(H2_FILE.length(), semicolon < 0 ? url.length() : semicolon) + MV_DB);
            Path target = out.resolve(RESOURCE);
            Files.createDirectories(target.getParent());
            Files.copy(database, target, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(out.resolve(SETTINGS_RESOURCE), settings + "\n");
            System.out.println("schema template " + target + " (" + Files.size(target) + " bytes)");
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
