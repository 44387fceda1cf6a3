package io.releasekit.api.persistence;

import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.fence.WriteFence;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.RunStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link RunStore} of the service, in the application's database (H2 embedded, PostgreSQL in production), shared
 * by every replica. Updates are a compare-and-set on the version column; event sequence numbers come from a per-run
 * counter incremented under the run row's lock, so concurrent appenders on any replica get 1, 2, 3, ... without gaps.
 * A run change and the events announcing it ({@link #update(Run, List)}, {@link #create(Run, List)}) are one
 * transaction: both are committed, or neither.
 */
@Singleton
public class JdbcRunStore implements RunStore {

    private static final String COLUMNS = "id, kind, state, dry_run, requested_by, idempotency_key, request_hash, "
            + "parameters, approval_policy, approvals, steps, reason, created_at, updated_at, version";

    private final Jdbc jdbc;
    private final RunJson json;

    JdbcRunStore(Jdbc jdbc, RunJson json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Run create(Run run) {
        return create(run, List.of()).run();
    }

    @Override
    public Written create(Run run, List<RunEvent> events) {
        RunStore.requireEventsOf(run, events);
        Run stored = normalised(run, 1);
        // one transaction: the run and its first events are committed together, or rolled back together
        Optional<List<RunEvent>> inserted = jdbc.write(
                c -> insert(c, stored) ? Optional.of(appendAll(c, events)) : Optional.<List<RunEvent>>empty());
        if (inserted.isPresent()) {
            return new Written(stored, inserted.get());
        }
        // Nothing inserted: the idempotency key (or the id) is taken.
        if (run.idempotencyKey() != null) {
            Optional<Run> existing = findByIdempotencyKey(run.idempotencyKey());
            if (existing.isPresent()) {
                return new Written(existing.get(), List.of());
            }
        }
        throw new ConflictException("run '" + run.id() + "' already exists");
    }

    @Override
    public Optional<Run> find(String id) {
        return jdbc.read(c -> one(c, "SELECT " + COLUMNS + " FROM runs WHERE id = ?", id));
    }

    @Override
    public Optional<Run> findByIdempotencyKey(String key) {
        return jdbc.read(c -> one(c, "SELECT " + COLUMNS + " FROM runs WHERE idempotency_key = ?", key));
    }

    @Override
    public List<Run> list(RunQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM runs WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        query.state().ifPresent(s -> {
            sql.append(" AND state = ?");
            args.add(s.name());
        });
        query.kind().ifPresent(k -> {
            sql.append(" AND kind = ?");
            args.add(k);
        });
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(query.limit());
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setString(i + 1, args.get(i));
                }
                return all(ps);
            }
        });
    }

    @Override
    public Run update(Run run) {
        return jdbc.write(c -> update(c, run));
    }

    @Override
    public Written update(Run run, List<RunEvent> events) {
        RunStore.requireEventsOf(run, events);
        // one transaction: a failing event insert (or a crash before commit) rolls the run change back too
        return jdbc.write(c -> {
            Run stored = update(c, run);
            return new Written(stored, appendAll(c, events));
        });
    }

    private Run update(Connection c, Run run) throws SQLException {
        Run next = normalised(run, run.version() + 1);
        // On the thread advancing the run, the change is written only while this replica's claim is current (fencing).
        Optional<JdbcRunClaims.Held> claim = WriteFence.current()
                .filter(h -> h instanceof JdbcRunClaims.Held && h.runId().equals(run.id()))
                .map(h -> (JdbcRunClaims.Held) h);
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET state = ?, approvals = ?, steps = ?, "
                + "reason = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?"
                + (claim.isPresent() ? " AND claim_epoch = ?" : ""))) {
            ps.setString(1, next.state().name());
            ps.setString(2, json.write(next.approvals()));
            ps.setString(3, json.write(next.steps()));
            ps.setString(4, next.reason());
            ps.setObject(5, Jdbc.param(next.updatedAt()));
            ps.setLong(6, next.version());
            ps.setString(7, run.id());
            ps.setLong(8, run.version());
            if (claim.isPresent()) {
                ps.setLong(9, claim.get().epoch());
            }
            if (ps.executeUpdate() == 1) {
                return next;
            }
        }
        if (claim.isPresent()) {
            Optional<JdbcRunClaims.Holder> holder = JdbcRunClaims.holder(c, run.id());
            if (holder.isPresent() && holder.get().epoch() != claim.get().epoch()) {
                throw claim.get().lost(holder.get());
            }
        }
        Optional<Run> current = one(c, "SELECT " + COLUMNS + " FROM runs WHERE id = ?", run.id());
        if (current.isEmpty()) {
            throw new NotFoundException("run '" + run.id() + "' not found");
        }
        throw new ConflictException("run '" + run.id() + "' was changed by another writer: expected version "
                + run.version() + ", stored version is " + current.get().version());
    }

    @Override
    public RunEvent append(RunEvent event) {
        return jdbc.write(c -> append(c, event));
    }

    private List<RunEvent> appendAll(Connection c, List<RunEvent> events) throws SQLException {
        List<RunEvent> stored = new ArrayList<>(events.size());
        for (RunEvent e : events) {
            stored.add(append(c, e));
        }
        return stored;
    }

    private RunEvent append(Connection c, RunEvent event) throws SQLException {
        RunEvent stored =
                new RunEvent(event.runId(), 0, event.type(), event.step(), Jdbc.stored(event.at()), event.data());
        // The UPDATE locks the run row until commit: appenders to one run queue here, on every replica.
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE runs SET last_sequence = last_sequence + 1 WHERE id = ?")) {
            ps.setString(1, event.runId());
            if (ps.executeUpdate() == 0) {
                throw new NotFoundException("run '" + event.runId() + "' not found");
            }
        }
        long sequence;
        try (PreparedStatement ps = c.prepareStatement("SELECT last_sequence FROM runs WHERE id = ?")) {
            ps.setString(1, event.runId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                sequence = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO run_events (run_id, sequence, type, step, at, data) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, stored.runId());
            ps.setLong(2, sequence);
            ps.setString(3, stored.type().name());
            ps.setString(4, stored.step());
            ps.setObject(5, Jdbc.param(stored.at()));
            ps.setString(6, json.write(stored.data()));
            ps.executeUpdate();
        }
        return new RunEvent(stored.runId(), sequence, stored.type(), stored.step(), stored.at(), stored.data());
    }

    @Override
    public List<RunEvent> events(String runId, long afterSequence) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, sequence, type, step, at, data "
                    + "FROM run_events WHERE run_id = ? AND sequence > ? ORDER BY sequence")) {
                ps.setString(1, runId);
                ps.setLong(2, afterSequence);
                List<RunEvent> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(new RunEvent(
                                rs.getString("run_id"),
                                rs.getLong("sequence"),
                                RunEvent.Type.valueOf(rs.getString("type")),
                                rs.getString("step"),
                                Jdbc.instant(rs, "at"),
                                json.data(rs.getString("data"))));
                    }
                }
                return events;
            }
        });
    }

    private boolean insert(Connection c, Run r) throws SQLException {
        // ON CONFLICT DO NOTHING (PostgreSQL, and H2 in PostgreSQL mode): a taken key inserts nothing and does not
        // abort the transaction, so the caller can read the existing run.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, r.id());
            ps.setString(2, r.kind());
            ps.setString(3, r.state().name());
            ps.setBoolean(4, r.dryRun());
            ps.setString(5, r.requestedBy());
            ps.setString(6, r.idempotencyKey());
            ps.setString(7, r.requestHash());
            ps.setString(8, json.parameters(r.parameters()));
            ps.setString(9, json.write(r.approvalPolicy()));
            ps.setString(10, json.write(r.approvals()));
            ps.setString(11, json.write(r.steps()));
            ps.setString(12, r.reason());
            ps.setObject(13, Jdbc.param(r.createdAt()));
            ps.setObject(14, Jdbc.param(r.updatedAt()));
            ps.setLong(15, r.version());
            return ps.executeUpdate() == 1;
        }
    }

    private Optional<Run> one(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            List<Run> runs = all(ps);
            return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
        }
    }

    private List<Run> all(PreparedStatement ps) throws SQLException {
        List<Run> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                runs.add(new Run(
                        rs.getString("id"),
                        rs.getString("kind"),
                        json.parameters(rs.getString("parameters")),
                        rs.getBoolean("dry_run"),
                        rs.getString("requested_by"),
                        rs.getString("idempotency_key"),
                        rs.getString("request_hash"),
                        RunState.valueOf(rs.getString("state")),
                        json.policy(rs.getString("approval_policy")),
                        json.approvals(rs.getString("approvals")),
                        json.steps(rs.getString("steps")),
                        rs.getString("reason"),
                        Jdbc.instant(rs, "created_at"),
                        Jdbc.instant(rs, "updated_at"),
                        rs.getLong("version")));
            }
        }
        return runs;
    }

    /** The run as it is stored: instants at microsecond precision, the given version. */
    private static Run normalised(Run r, long version) {
        Instant now = Instant.now();
        return new Run(
                r.id(),
                r.kind(),
                r.parameters(),
                r.dryRun(),
                r.requestedBy(),
                r.idempotencyKey(),
                r.requestHash(),
                r.state(),
                r.approvalPolicy(),
                r.approvals(),
                r.steps(),
                r.reason(),
                Jdbc.stored(r.createdAt() == null ? now : r.createdAt()),
                Jdbc.stored(r.updatedAt() == null ? now : r.updatedAt()),
                version);
    }
}
