package io.releasekit.api.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.TestTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A replica without a scheduler serves the API; the runs it accepts are executed by a replica with one. */
class ApiOnlyReplicaTest {

    @Test
    void aReplicaWithoutSchedulerQueuesRunsThatAnotherReplicaExecutes() throws Exception {
        String url = "jdbc:h2:mem:api-only-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        try (EmbeddedServer apiOnly = start(url, false)) {
            assertThat(apiOnly.getApplicationContext().containsBean(Scheduler.class))
                    .isFalse();
            String id = (String) new RunsHttp(apiOnly.getURI())
                    .start(TestTokens.CI, "test.counting", Map.of())
                    .get("id");
            assertThat(executions(apiOnly, id))
                    .as("execution written for another replica")
                    .isEqualTo(1);

            try (EmbeddedServer worker = start(url, true)) {
                Map<String, Object> run =
                        new RunsHttp(apiOnly.getURI()).awaitState(id, Duration.ofSeconds(20), "SUCCEEDED", "FAILED");

                assertThat(run.get("state")).isEqualTo("SUCCEEDED");
                assertThat(SideEffects.writes(id, "third")).containsExactly("worker");
            }
        }
    }

    private static EmbeddedServer start(String url, boolean scheduler) {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", url);
        props.put("releasekit.scheduler.enabled", scheduler);
        props.put("releasekit.scheduler.name", scheduler ? "worker" : "api-only");
        return ApplicationContext.run(EmbeddedServer.class, props, "test");
    }

    private static int executions(EmbeddedServer server, String runId) throws Exception {
        DataSource ds = DelegatingDataSource.unwrapDataSource(
                server.getApplicationContext().getBean(DataSource.class));
        try (Connection c = ds.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
