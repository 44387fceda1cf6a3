package io.releasekit.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The embedded defaults (no test configuration): with no token configured an admin token is generated once. */
class AdminTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void generatesAnOwnerOnlyAdminTokenOnFirstStartAndReusesItOnRestart() throws Exception {
        ListAppender<ILoggingEvent> logs = captureLogs();
        String token;
        try (EmbeddedServer server = start(Map.of())) {
            Path file = dataDir.resolve("admin-token");
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            token = Files.readString(file).strip();
            assertThat(token).matches("rk_[A-Za-z0-9_-]{43}");

            RawHttp http = new RawHttp(server.getURI());
            assertThat(http.get("/api/v1/me", token).body())
                    .contains("\"name\":\"admin\"")
                    .contains("release-manager");
            assertThat(http.get("/api/v1/me", null).statusCode()).isEqualTo(401);
        }
        assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                .contains(dataDir.resolve("admin-token").toString()));
        assertThat(logs.list)
                .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains(token));
        // The embedded H2 database is a file in the same directory.
        assertThat(dataDir.resolve("releasekit.mv.db")).exists();

        try (EmbeddedServer again = start(Map.of())) {
            assertThat(Files.readString(dataDir.resolve("admin-token")).strip()).isEqualTo(token);
            assertThat(new RawHttp(again.getURI())
                            .get("/api/v1/services", token)
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void generatesNoAdminTokenWhenTokensAreConfigured() {
        Map<String, Object> props = Map.of(
                "releasekit.security.tokens[0].name", "ci",
                "releasekit.security.tokens[0].sha256", TokenHash.sha256Hex("rk_some_token"),
                "releasekit.security.tokens[0].roles", "ci");
        try (EmbeddedServer server = start(props)) {
            assertThat(dataDir.resolve("admin-token")).doesNotExist();
            assertThat(new RawHttp(server.getURI())
                            .get("/api/v1/me", "rk_some_token")
                            .body())
                    .contains("\"name\":\"ci\"");
        }
    }

    @Test
    void refusesToStartWithATokenConfiguredInClear() {
        Map<String, Object> props = Map.of(
                "releasekit.security.tokens[0].name", "deploy-bot",
                "releasekit.security.tokens[0].sha256", "rk_this_is_the_token_not_its_hash",
                "releasekit.security.tokens[0].roles", "ci");

        assertThatThrownBy(() -> start(props))
                .rootCause()
                .hasMessageContaining("deploy-bot")
                .hasMessageContaining("sha256sum")
                .hasMessageNotContaining("rk_this_is_the_token_not_its_hash");
    }

    @Test
    void refusesToStartWithAnUnknownRole() {
        Map<String, Object> props = Map.of(
                "releasekit.security.tokens[0].name", "deploy-bot",
                "releasekit.security.tokens[0].sha256", TokenHash.sha256Hex("x"),
                "releasekit.security.tokens[0].roles", "superuser");

        assertThatThrownBy(() -> start(props)).rootCause().hasMessageContaining("unknown role 'superuser'");
    }

    @Test
    void refusesAnImplicitlyRelativeDataDirectory() {
        assertThatThrownBy(() -> start(Map.of("releasekit.data-dir", "data")))
                .rootCause()
                .hasMessageContaining("releasekit.data-dir 'data'");
    }

    private EmbeddedServer start(Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put("micronaut.server.port", -1);
        props.put("releasekit.data-dir", dataDir.toString());
        props.putAll(extra);
        // No "test" environment: the embedded defaults of application.yml, as an operator would run it.
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(props)
                .run(EmbeddedServer.class);
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(AdminTokenFile.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }
}
