package io.releasekit.api.calendar;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.releasekit.api.persistence.Jdbc;
import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The schedules of the release calendar in the {@code release_schedules} table, shared by every replica. */
@Singleton
public class JdbcScheduleStore {

    private static final String COLUMNS = "name, cron, zone, kind, parameters, dry_run, missed_fire, skip_dates,"
            + " paused, created_by, created_at, updated_at, last_fire_at, last_outcome, last_run_id, last_fired_by,"
            + " version";
    private static final Argument<Map<String, Object>> OBJECT_MAP = Argument.mapOf(String.class, Object.class);
    private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);

    private final Jdbc jdbc;
    private final JsonMapper json;

    JdbcScheduleStore(Jdbc jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores a new schedule.
     *
     * @throws ConflictException when a schedule of that name exists
     */
    public ReleaseSchedule insert(ReleaseSchedule s) {
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO release_schedules (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, 0)")) {
                int i = bindSpec(ps, s);
                ps.setString(i++, s.createdBy());
                ps.setObject(i++, Jdbc.param(s.createdAt()));
                ps.setObject(i, Jdbc.param(s.updatedAt()));
                ps.executeUpdate();
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new ConflictException("a schedule named '" + s.spec().name() + "' exists already");
                }
                throw e;
            }
            return require(c, s.id());
        });
    }

    /**
     * Stores a changed schedule (spec, paused) if nobody changed it since it was read.
     *
     * @throws ConflictException when it changed meanwhile, or its new name is taken
     */
    public ReleaseSchedule update(ReleaseSchedule s) {
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE release_schedules SET name = ?, cron = ?,"
                    + " zone = ?, kind = ?, parameters = ?, dry_run = ?, missed_fire = ?, skip_dates = ?, paused = ?,"
                    + " updated_at = ?, version = version + 1 WHERE name = ? AND version = ?")) {
                int i = bindSpec(ps, s);
                ps.setObject(i++, Jdbc.param(s.updatedAt()));
                ps.setString(i++, s.id());
                ps.setLong(i, s.version());
                if (ps.executeUpdate() != 1) {
                    throw new ConflictException(
                            "schedule '" + s.spec().name() + "' was changed or deleted meanwhile; read it and retry");
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new ConflictException("a schedule named '" + s.spec().name() + "' exists already");
                }
                throw e;
            }
            return require(c, s.id());
        });
    }

    /** Records what a firing did. */
    public void recordFire(String id, ReleaseSchedule.LastFire fire) {
        jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE release_schedules SET last_fire_at = ?,"
                    + " last_outcome = ?, last_run_id = ?, last_fired_by = ? WHERE name = ?")) {
                ps.setObject(1, Jdbc.param(fire.at()));
                ps.setString(2, truncate(fire.outcome()));
                ps.setString(3, fire.runId());
                ps.setString(4, fire.by());
                ps.setString(5, id);
                return ps.executeUpdate();
            }
        });
    }

    /** A schedule by id. */
    public Optional<ReleaseSchedule> find(String id) {
        return jdbc.read(c -> find(c, id));
    }

    /** Every schedule, by name. */
    public List<ReleaseSchedule> list() {
        return jdbc.read(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM release_schedules ORDER BY name");
                    ResultSet rs = ps.executeQuery()) {
                List<ReleaseSchedule> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(read(rs));
                }
                return out;
            }
        });
    }

    /** Deletes a schedule; whether it existed. */
    public boolean delete(String id) {
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM release_schedules WHERE name = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private int bindSpec(PreparedStatement ps, ReleaseSchedule s) throws SQLException {
        ScheduleSpec spec = s.spec();
        int i = 1;
        ps.setString(i++, spec.name());
        ps.setString(i++, spec.calendar().cron());
        ps.setString(i++, spec.calendar().zone());
        ps.setString(i++, spec.kind());
        ps.setString(i++, write(spec.parameters()));
        ps.setBoolean(i++, spec.dryRun());
        ps.setString(i++, spec.missedFire().value());
        ps.setString(i++, write(spec.exceptions()));
        ps.setBoolean(i++, s.paused());
        return i;
    }

    private ReleaseSchedule require(Connection c, String id) throws SQLException {
        return find(c, id).orElseThrow(() -> new NotFoundException("schedule '" + id + "' does not exist"));
    }

    private Optional<ReleaseSchedule> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT " + COLUMNS + " FROM release_schedules WHERE name = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private ReleaseSchedule read(ResultSet rs) throws SQLException {
        ScheduleSpec spec = new ScheduleSpec(
                rs.getString("name"),
                new CronCalendar(rs.getString("cron"), rs.getString("zone")),
                rs.getString("kind"),
                read(rs.getString("parameters"), OBJECT_MAP),
                rs.getBoolean("dry_run"),
                MissedFirePolicy.of(rs.getString("missed_fire")),
                read(rs.getString("skip_dates"), STRINGS));
        ReleaseSchedule.LastFire last = rs.getString("last_outcome") == null
                ? null
                : new ReleaseSchedule.LastFire(
                        Jdbc.instant(rs, "last_fire_at"),
                        rs.getString("last_outcome"),
                        rs.getString("last_run_id"),
                        rs.getString("last_fired_by"));
        return new ReleaseSchedule(
                spec,
                rs.getBoolean("paused"),
                rs.getString("created_by"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"),
                last,
                rs.getLong("version"));
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write schedule data as JSON", e);
        }
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schedule data from JSON", e);
        }
    }
}
