package io.releasekit.api.persistence;

import io.releasekit.core.InvalidInputException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;

/**
 * The webhook delivery ids already seen, in the database so that a redelivery is recognised after a restart and on
 * any replica.
 */
@Singleton
public class JdbcDeliveryLog {

    private final Jdbc jdbc;
    private final Clock clock;

    @Inject
    JdbcDeliveryLog(Jdbc jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    JdbcDeliveryLog(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records a delivery id.
     *
     * @return true the first time an id is seen, false for every later call with it (on any replica)
     */
    public boolean firstSeen(String deliveryId) {
        if (deliveryId == null || deliveryId.isBlank() || deliveryId.length() > 200) {
            throw new InvalidInputException("delivery id must be 1-200 characters, was "
                    + (deliveryId == null ? "missing" : deliveryId.length() + " characters"));
        }
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO webhook_deliveries (delivery_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, deliveryId);
                ps.setObject(2, Jdbc.param(clock.instant()));
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Forgets one delivery id again, so that its redelivery is processed: used when processing it failed.
     *
     * @return whether the id was recorded
     */
    public boolean forget(String deliveryId) {
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_deliveries WHERE delivery_id = ?")) {
                ps.setString(1, deliveryId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Forgets deliveries received before an instant (senders stop redelivering after a while).
     *
     * @return how many were forgotten
     */
    public int forgetBefore(Instant before) {
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM webhook_deliveries WHERE received_at < ?")) {
                ps.setObject(1, Jdbc.param(before));
                return ps.executeUpdate();
            }
        });
    }
}
