package io.releasekit.api.webhook;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.releasekit.api.persistence.JdbcDeliveryLog;
import io.releasekit.core.run.RunEngine;
import jakarta.inject.Singleton;

/** The webhook's wiring: where deliveries are remembered, and how a trigger starts a run. */
@Factory
public class WebhookFactory {

    /**
     * The webhook delivery log in the database, when there is one: a redelivery is recognised after a restart and on
     * every replica.
     */
    @Singleton
    @Requires(beans = JdbcDeliveryLog.class)
    public DeliveryLog jdbcDeliveryLog(JdbcDeliveryLog log) {
        return new DeliveryLog() {
            @Override
            public boolean reserve(String deliveryId) {
                return log.firstSeen(deliveryId);
            }

            @Override
            public void release(String deliveryId) {
                log.forget(deliveryId);
            }
        };
    }

    /** Webhook triggers start runs on the run engine, when the application has one. */
    @Singleton
    @Requires(beans = RunEngine.class)
    public RunLauncher engineRunLauncher(RunEngine engine) {
        return new EngineRunLauncher(engine);
    }

    /** The webhook delivery log in memory, when no other is provided (lost on restart). */
    @Singleton
    @Secondary
    public DeliveryLog deliveryLog(WebhookProperties p) {
        return new InMemoryDeliveryLog(p.getRememberedDeliveries());
    }
}
