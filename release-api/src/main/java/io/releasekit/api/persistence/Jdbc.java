package io.releasekit.api.persistence;

import io.micronaut.transaction.TransactionOperations;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Runs JDBC work in a transaction of the application's data source and turns {@link SQLException}s into {@link
 * ServiceUnavailableException}s of service {@code database} (retryable, answered 503), keeping the cause. While the
 * {@link DatabaseMonitor} sees the database down, work fails at once with that 503 instead of waiting for a connection.
 */
@Singleton
public class Jdbc {

    /** The service name database failures are reported under. */
    public static final String SERVICE = "database";

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<R> {
        /** Does the work. */
        R apply(Connection connection) throws SQLException;
    }

    private final TransactionOperations<Connection> tx;
    private final DatabaseMonitor monitor;

    /** Work on the application's transactions, failing fast while the monitor sees the database down. */
    public Jdbc(TransactionOperations<Connection> tx, DatabaseMonitor monitor) {
        this.tx = tx;
        this.monitor = monitor;
    }

    /** Runs work in a read-write transaction, committed when it returns, rolled back when it throws. */
    public <R> R write(Work<R> work) {
        return run(true, work);
    }

    /** Runs work in a read-only transaction. */
    public <R> R read(Work<R> work) {
        return run(false, work);
    }

    private <R> R run(boolean write, Work<R> work) {
        monitor.requireUp();
        try {
            if (write) {
                return tx.executeWrite(status -> call(work, status.getConnection()));
            }
            return tx.executeRead(status -> call(work, status.getConnection()));
        } catch (ReleaseException e) {
            throw e;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw translate(sql);
            }
            throw e;
        }
    }

    private ServiceUnavailableException translate(SQLException e) {
        String state = e.getSQLState();
        // 08: connection exceptions; 57P: the server shuts down, crashed, or cannot accept connections yet
        if (e instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.startsWith("57P")))) {
            monitor.reportFailure(e.getMessage()); // the connection is gone: answer 503 at once from now on
        }
        return translated(e);
    }

    private <R> R call(Work<R> work, Connection connection) {
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private static ServiceUnavailableException translated(SQLException e) {
        return new ServiceUnavailableException(
                SERVICE, "database error (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
    }

    /**
     * An instant as stored: PostgreSQL keeps microseconds, so every stored instant is truncated to them, and what the
     * stores return equals what they read back later.
     */
    public static Instant stored(Instant at) {
        return at == null ? null : at.truncatedTo(ChronoUnit.MICROS);
    }

    /** An instant as a JDBC parameter (UTC). */
    public static OffsetDateTime param(Instant at) {
        return at == null ? null : stored(at).atOffset(ZoneOffset.UTC);
    }

    /** An instant read from a {@code TIMESTAMP WITH TIME ZONE} column. */
    public static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
