package io.releasekit.api.artifact;

import io.releasekit.api.persistence.JdbcGateLedger;
import io.releasekit.core.artifact.promotion.GateLedger;
import io.releasekit.core.artifact.promotion.GateResult;
import io.releasekit.core.artifact.promotion.GateStatus;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The core {@link GateLedger} port over the database's {@code gate_results} table ({@link JdbcGateLedger}): results
 * survive restarts and are shared by replicas. The details URL is kept in the table's free-text {@code details}
 * column; a details text that is not an http(s) URL (written by something else) is read back as no URL.
 */
final class JdbcGateLedgerAdapter implements GateLedger {

    private final JdbcGateLedger jdbc;

    JdbcGateLedgerAdapter(JdbcGateLedger jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public GateResult record(GateResult r) {
        return fromRow(jdbc.record(new io.releasekit.api.persistence.GateResult(
                r.build(),
                r.stage(),
                r.passed(),
                r.recordedBy(),
                r.recordedAt(),
                r.detailsUrl().orElse(null))));
    }

    @Override
    public Optional<GateResult> latest(String build, String stage) {
        return jdbc.latest(build, stage).map(JdbcGateLedgerAdapter::fromRow);
    }

    @Override
    public List<GateResult> history(String build) {
        return jdbc.history(build).stream().map(JdbcGateLedgerAdapter::fromRow).toList();
    }

    private static GateResult fromRow(io.releasekit.api.persistence.GateResult row) {
        return new GateResult(
                row.buildId(),
                row.stage(),
                row.passed() ? GateStatus.PASSED : GateStatus.FAILED,
                row.principal(),
                row.at(),
                Optional.ofNullable(row.details()).filter(JdbcGateLedgerAdapter::isHttpUrl));
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
