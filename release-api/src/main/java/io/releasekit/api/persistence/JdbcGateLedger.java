package io.releasekit.api.persistence;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ledger of promotion-gate results, in the database: append-only, newest result per build and stage wins. */
@Singleton
public class JdbcGateLedger {

    private final Jdbc jdbc;

    JdbcGateLedger(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a result. */
    public GateResult record(GateResult result) {
        GateResult stored = new GateResult(
                result.buildId(),
                result.stage(),
                result.passed(),
                result.principal(),
                Jdbc.stored(result.at()),
                result.details());
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gate_results "
                    + "(build_id, stage, passed, principal, at, details) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, stored.buildId());
                ps.setString(2, stored.stage());
                ps.setBoolean(3, stored.passed());
                ps.setString(4, stored.principal());
                ps.setObject(5, Jdbc.param(stored.at()));
                ps.setString(6, stored.details());
                ps.executeUpdate();
                return stored;
            }
        });
    }

    /** The latest result of a build's gate for a stage. */
    public Optional<GateResult> latest(String buildId, String stage) {
        List<GateResult> r = query(
                "SELECT * FROM gate_results WHERE build_id = ? AND stage = ? ORDER BY at DESC, id DESC LIMIT 1",
                buildId,
                stage);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** Every result recorded for a build, oldest first. */
    public List<GateResult> history(String buildId) {
        return query("SELECT * FROM gate_results WHERE build_id = ? ORDER BY at, id", buildId);
    }

    private List<GateResult> query(String sql, String... args) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setString(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rows(rs);
                }
            }
        });
    }

    private static List<GateResult> rows(ResultSet rs) throws SQLException {
        List<GateResult> results = new ArrayList<>();
        while (rs.next()) {
            results.add(new GateResult(
                    rs.getString("build_id"),
                    rs.getString("stage"),
                    rs.getBoolean("passed"),
                    rs.getString("principal"),
                    Jdbc.instant(rs, "at"),
                    rs.getString("details")));
        }
        return results;
    }
}
