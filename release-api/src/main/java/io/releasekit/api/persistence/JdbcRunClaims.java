package io.releasekit.api.persistence;

import io.releasekit.core.NotFoundException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.fence.ClaimLostException;
import io.releasekit.core.fence.WriteFence;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Claims on runs: the fencing tokens of the replicas that execute them ({@code runs.claim_epoch}, {@code claimed_by},
 * {@code claimed_at}). The clustered scheduler decides which replica advances a run; every advance takes a new claim
 * here, and {@link JdbcRunStore} writes a run's changes only while the writer's claim is still the current one.
 */
@Singleton
public class JdbcRunClaims {

    /** Who holds (or last held) a run, since when, and whether its advance is still going on. */
    public record Holder(String replica, Instant since, long epoch, boolean active) {}

    private final Jdbc jdbc;
    private final DatabaseMonitor monitor;

    JdbcRunClaims(Jdbc jdbc, DatabaseMonitor monitor) {
        this.jdbc = jdbc;
        this.monitor = monitor;
    }

    /**
     * Takes a new claim on a run for a replica; the previous holder's claim is lost from now on.
     *
     * @throws NotFoundException for an unknown run
     */
    public Held claim(String runId, String replica, Duration outageLimit) {
        Instant now = Jdbc.stored(Instant.now());
        long epoch = jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET claim_epoch = claim_epoch + 1, claimed_by = ?, claimed_at = ?, claim_active = TRUE"
                            + " WHERE id = ?")) {
                ps.setString(1, replica);
                ps.setObject(2, Jdbc.param(now));
                ps.setString(3, runId);
                if (ps.executeUpdate() == 0) {
                    throw new NotFoundException("run '" + runId + "' not found");
                }
            }
            return holder(c, runId).orElseThrow().epoch();
        });
        return new Held(runId, replica, epoch, outageLimit);
    }

    /** The current holder of a run, if an execution holds it now. */
    public Optional<Holder> holder(String runId) {
        return jdbc.read(c -> holder(c, runId).filter(Holder::active));
    }

    /**
     * Who executes a run now, from the claim and the scheduler's heartbeat of the run's execution.
     *
     * @param replica the holding replica
     * @param since when it took the run
     * @param lastHeartbeat the last heartbeat of its execution, if the scheduler recorded one
     */
    public record Execution(String replica, Instant since, Optional<Instant> lastHeartbeat) {}

    /** The replica executing a run now with its execution's last heartbeat, if one does. */
    public Optional<Execution> execution(String runId) {
        return jdbc.read(c -> {
            Optional<Holder> h = holder(c, runId).filter(Holder::active);
            if (h.isEmpty()) {
                return Optional.<Execution>empty();
            }
            Instant beat = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_heartbeat FROM scheduled_tasks"
                    + " WHERE task_name = 'advance-run' AND task_instance = ? AND picked = TRUE")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        beat = Jdbc.instant(rs, "last_heartbeat");
                    }
                }
            }
            return Optional.of(new Execution(h.get().replica(), h.get().since(), Optional.ofNullable(beat)));
        });
    }

    /** Gives a claim up after its advance ended (the run waits, ended, or was handed over); a lost claim is left. */
    public void release(Held held) {
        jdbc.write(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE runs SET claim_active = FALSE WHERE id = ? AND claim_epoch = ?")) {
                ps.setString(1, held.runId());
                ps.setLong(2, held.epoch());
                return ps.executeUpdate();
            }
        });
    }

    static Optional<Holder> holder(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT claimed_by, claimed_at, claim_epoch, claim_active FROM runs WHERE id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Holder(
                        rs.getString(1),
                        Jdbc.instant(rs, "claimed_at"),
                        rs.getLong("claim_epoch"),
                        rs.getBoolean("claim_active")));
            }
        }
    }

    /**
     * A replica's claim on a run, bound to the thread advancing it ({@link WriteFence}). Its {@link #check()} reads the
     * current claim; while the database is unavailable it waits for it (the write pauses) up to the outage limit.
     */
    public final class Held implements WriteFence.Claim {
        private final String runId;
        private final String replica;
        private final long epoch;
        private final Duration outageLimit;

        Held(String runId, String replica, long epoch, Duration outageLimit) {
            this.runId = runId;
            this.replica = replica;
            this.epoch = epoch;
            this.outageLimit = outageLimit;
        }

        @Override
        public String runId() {
            return runId;
        }

        /** The fencing token: the run's claim epoch when this claim was taken. */
        public long epoch() {
            return epoch;
        }

        /** The replica holding the claim. */
        public String replica() {
            return replica;
        }

        @Override
        public void check() {
            Holder now = readPausingOnOutage();
            if (now.epoch() != epoch) {
                throw lost(now);
            }
        }

        /** The exception for a write refused because another claim is current. */
        ClaimLostException lost(Holder now) {
            return new ClaimLostException("run '" + runId + "' was taken over by "
                    + (now.replica() == null ? "another replica" : "replica '" + now.replica() + "'")
                    + (now.since() == null ? "" : " at " + now.since())
                    + "; this attempt by replica '" + replica + "' (claim " + epoch + ", now " + now.epoch()
                    + ") stops and writes nothing more");
        }

        private Holder readPausingOnOutage() {
            long deadline = System.nanoTime() + outageLimit.toNanos();
            while (true) {
                try {
                    return jdbc.read(c -> holder(c, runId))
                            .orElseThrow(() -> new NotFoundException("run '" + runId + "' not found"));
                } catch (ServiceUnavailableException e) {
                    // the database is down: the write waits for it (paused), up to the outage limit
                    try {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 || !monitor.awaitUp(Duration.ofNanos(left))) {
                            throw e;
                        }
                        Thread.sleep(100); // up again: let the pool reconnect before the next read
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }
}
