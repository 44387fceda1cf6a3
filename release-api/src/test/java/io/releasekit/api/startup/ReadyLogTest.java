package io.releasekit.api.startup;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The start-up line on the embedded defaults: ready, the URL, the data directory, where the token is. */
class ReadyLogTest {

    @TempDir
    Path dataDir;

    @Test
    void saysOnceWhereTheServiceListensWhereItsDataIsAndWhereTheTokenIs() {
        Logger logger = (Logger) LoggerFactory.getLogger(ReadyLog.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO); // as the service configures it (LogConfigurator: io.releasekit at INFO)
        try (EmbeddedServer server = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(Map.of("micronaut.server.port", -1, "releasekit.data-dir", dataDir.toString()))
                .run(EmbeddedServer.class)) {

            assertThat(logs.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .startsWith("releasekit ready in ")
                    .contains(" at " + server.getURL())
                    .contains("data directory " + dataDir)
                    .contains("token: the generated admin token in " + dataDir.resolve("admin-token"))
                    .endsWith("database: jdbc:h2:file:" + dataDir + "/releasekit"));
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
        }
    }

    @Test
    void showsADatabaseUrlWithoutCredentialsOrParameters() {
        assertThat(ReadyLog.database("jdbc:postgresql://rk:s3cret@db.example:5432/releasekit?password=s3cret"))
                .isEqualTo("jdbc:postgresql://db.example:5432/releasekit");
        assertThat(ReadyLog.database("jdbc:h2:file:./data/releasekit;MODE=PostgreSQL;PASSWORD=x"))
                .isEqualTo("jdbc:h2:file:./data/releasekit");
        assertThat(ReadyLog.database("")).isEqualTo("none");
    }
}
