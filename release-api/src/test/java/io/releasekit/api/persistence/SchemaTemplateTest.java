package io.releasekit.api.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's schema template: installed as a fresh embedded database only (never over an existing one, never for
 * other URL settings), and a service started on it has the schema of its migrations, validated by Flyway.
 */
class SchemaTemplateTest {

    @TempDir
    Path dir;

    @Test
    void theBuildMadeATemplateWithEveryMigration() throws Exception {
        assertThat(resource(SchemaTemplate.RESOURCE))
                .as("db/template in the class output")
                .isNotNull();
        Path database = SchemaTemplate.installIfFresh(url(dir));

        assertThat(database).isEqualTo(dir.resolve("releasekit.mv.db"));
        assertThat(versions(url(dir))).containsExactlyElementsOf(migrationVersions());
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .contains("releasekit.mv.db")
                    .noneMatch(name -> name.contains(".template-")); // no partial copy left behind
        }
    }

    @Test
    void createsAMissingDataDirectoryOwnerOnlyAsTheServiceDoes() throws Exception {
        Path data = dir.resolve("data");

        assertThat(SchemaTemplate.installIfFresh(url(data))).isEqualTo(data.resolve("releasekit.mv.db"));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                .isEqualTo("rwx------");
    }

    @Test
    void neverReplacesADatabaseThatIsThere() throws Exception {
        Path existing = Files.writeString(dir.resolve("releasekit.mv.db"), "not a template");

        assertThat(SchemaTemplate.installIfFresh(url(dir))).isNull();
        assertThat(Files.readString(existing)).isEqualTo("not a template");
    }

    @Test
    void isNotUsedForOtherSettingsOrOtherDatabases() {
        assertThat(SchemaTemplate.installIfFresh("jdbc:h2:file:" + dir + "/releasekit;MODE=PostgreSQL"))
                .isNull();
        assertThat(SchemaTemplate.installIfFresh("jdbc:h2:mem:releasekit" + settings()))
                .isNull();
        assertThat(SchemaTemplate.installIfFresh("jdbc:postgresql://localhost:5432/releasekit"))
                .isNull();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aServiceStartedOnAFreshDataDirectoryRunsOnTheTemplateValidatedByFlyway() throws Exception {
        Instant before = Instant.now();
        try (ApplicationContext context = ApplicationContext.builder()
                .environments("test")
                .properties(Map.of("releasekit.data-dir", dir.toString(), "datasources.default.url", url(dir)))
                .start()) {
            DataSource dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select min(installed_on), count(*) from flyway_schema_history"
                            + " where success and \"version\" is not null")) {
                rs.next();
                Timestamp installed = rs.getTimestamp(1);
                // the migrations were applied when the build made the template, not by this start
                assertThat(installed.toInstant()).isBefore(before);
                assertThat(rs.getInt(2)).isEqualTo(migrationVersions().size());
            }
        }
    }

    private static String url(Path dir) {
        return "jdbc:h2:file:" + dir + "/releasekit" + settings();
    }

    private static String settings() {
        try (InputStream in = resource(SchemaTemplate.SETTINGS_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static InputStream resource(String name) {
        return SchemaTemplate.class.getClassLoader().getResourceAsStream(name);
    }

    private static List<String> versions(String url) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select \"version\" from flyway_schema_history where success and \"version\" is not null"
                                + " order by \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            s.execute("SHUTDOWN");
        }
        return versions;
    }

    /** The versions of the migrations in src/main/resources/db/migration, in order. */
    private static List<String> migrationVersions() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")))
                    .sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                    .toList();
        }
    }
}
