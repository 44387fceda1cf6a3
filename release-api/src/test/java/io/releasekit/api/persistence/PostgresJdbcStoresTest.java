package io.releasekit.api.persistence;

import io.releasekit.api.testkit.PostgresContainer;
import java.util.Map;

/** The JDBC stores on PostgreSQL 15 in a container (the production database). */
class PostgresJdbcStoresTest extends JdbcStoresContract {

    @Override
    Map<String, Object> datasource() {
        return PostgresContainer.shared().datasourceProperties();
    }
}
