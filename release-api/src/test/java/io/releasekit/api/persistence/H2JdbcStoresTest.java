package io.releasekit.api.persistence;

import java.util.Map;
import java.util.UUID;

/** The JDBC stores on the embedded default, H2 in PostgreSQL mode. */
class H2JdbcStoresTest extends JdbcStoresContract {

    @Override
    Map<String, Object> datasource() {
        return Map.of(
                "datasources.default.url",
                "jdbc:h2:mem:contract-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
    }
}
