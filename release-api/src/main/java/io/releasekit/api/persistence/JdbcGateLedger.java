package io.releasekit.api.persistence;

import io.releasekit.core.artifact.promotion.GateLedger;
import io.releasekit.core.artifact.promotion.GateResult;
import io.releasekit.core.artifact.promotion.GateStatus;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The core {@link GateLedger} port in the database ({@code gate_results}): append-only, newest result per build and
 * stage wins; results survive restarts and are shared by replicas. The details URL is kept in the free-text {@code
 * details} column; a details text that is not an http(s) URL (written by something else) is read back as no URL.
 */
@Singleton
public class JdbcGateLedger implements GateLedger {

    private final Jdbc jdbc;

    JdbcGateLedger(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a result. */
    @Override
    public GateResult record(GateResult result) {
        GateResult stored = new GateResult(
                result.build(),
                result.stage(),
                result.status(),
                result.recordedBy(),
                Jdbc.stored(result.recordedAt()),
                result.detailsUrl());
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gate_results "
                    + "(build_id, stage, passed, principal, at, details) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, stored.build());
                ps.setString(2, stored.stage());
                ps.setBoolean(3, stored.passed());
                ps.setString(4, stored.recordedBy());
                ps.setObject(5, Jdbc.param(stored.recordedAt()));
                ps.setString(6, stored.detailsUrl().orElse(null));
                ps.executeUpdate();
                return stored;
            }
        });
    }

    /** The latest result of a build's gate for a stage. */
    @Override
    public Optional<GateResult> latest(String buildId, String stage) {
        List<GateResult> r = query(
                "SELECT * FROM gate_results WHERE build_id = ? AND stage = ? ORDER BY at DESC, id DESC LIMIT 1",
                buildId,
                stage);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** Every result recorded for a build, oldest first. */
    @Override
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
                    rs.getBoolean("passed") ? GateStatus.PASSED : GateStatus.FAILED,
                    rs.getString("principal"),
                    Jdbc.instant(rs, "at"),
                    Optional.ofNullable(rs.getString("details")).filter(JdbcGateLedger::isHttpUrl)));
        }
        return results;
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = URI.create(s);
            return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
