package io.releasekit.api.run;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.releasekit.core.notify.ChannelOutcome;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.notify.NotifyResult;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunListener;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.Subscription;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches runs for approval: when a run starts waiting, its expiry is planned on the clustered scheduler ({@link
 * ExpireApprovalTask}) and the configured channels are told who must approve, what the run will write and how to
 * approve; when it is approved, rejected, withdrawn or expires, they are told again. The events come from this replica's
 * engine (each state change happens on one replica, so each notice is sent once); the work runs on a thread of its own,
 * so a slow or failing chat channel never holds up a run, an approval or another channel.
 */
@Singleton
@Requires(beans = RunEngine.class)
public class ApprovalWatch implements RunListener {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalWatch.class);

    private final RunEngine engine;
    private final BeanProvider<Notifiers> notifiers;
    private final BeanProvider<Scheduler> scheduler;
    private final ApprovalProperties properties;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "releasekit-approval-notices");
        t.setDaemon(true);
        return t;
    });
    private volatile Subscription subscription;

    ApprovalWatch(
            RunEngine engine,
            BeanProvider<Notifiers> notifiers,
            BeanProvider<Scheduler> scheduler,
            ApprovalProperties properties) {
        this.engine = engine;
        this.notifiers = notifiers;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /** Subscribes to the engine's events, and plans the expiry of runs that waited while no replica planned it. */
    @EventListener
    void onStartup(StartupEvent event) {
        subscription = engine.subscribeAll(this);
        worker.execute(() -> {
            try {
                engine.list(new RunQuery(Optional.of(RunState.AWAITING_APPROVAL), Optional.empty(), 1000))
                        .forEach(this::planExpiry);
            } catch (RuntimeException e) {
                LOG.warn("approval windows of waiting runs not checked at startup: {}", e.getMessage());
            }
        });
    }

    /** Stops listening; notices not yet sent are dropped. */
    @PreDestroy
    void close() {
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        worker.shutdownNow();
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event.type() != RunEvent.Type.RUN_STATE_CHANGED) {
            return;
        }
        String outcome = outcome(event.data());
        if (outcome == null) {
            return;
        }
        try {
            worker.execute(() -> handle(event.runId(), outcome, event.data().get("by")));
        } catch (RejectedExecutionException e) {
            LOG.debug("shutting down: no approval notice for run {}", event.runId());
        }
    }

    /** What a state change means for approvers, or null when it does not concern them. */
    static String outcome(Map<String, String> data) {
        String state = data.get("state");
        String from = data.get("from");
        if (RunState.AWAITING_APPROVAL.name().equals(state) && from == null) {
            return "awaiting";
        }
        if (!RunState.AWAITING_APPROVAL.name().equals(from)) {
            return null;
        }
        if (RunState.QUEUED.name().equals(state)) {
            return "approved";
        }
        if ("true".equals(data.get("expired"))) {
            return "expired";
        }
        return "true".equals(data.get("rejected")) ? "rejected" : "withdrawn";
    }

    private void handle(String runId, String outcome, String by) {
        try {
            Run run = engine.run(runId);
            if (outcome.equals("awaiting")) {
                Instant expires = planExpiry(run);
                tell(run, ApprovalNotice.awaiting(run, properties.getPublicUrl(), expires), outcome);
            } else {
                tell(run, ApprovalNotice.decided(run, outcome, by), outcome);
            }
        } catch (RuntimeException e) {
            LOG.warn("approval notice ({}) for run {} not sent: {}", outcome, runId, e.getMessage());
        }
    }

    /** Plans the run's expiry; returns when it expires, or null when it never does. */
    private Instant planExpiry(Run run) {
        Duration window = properties.windowOf(run.kind());
        if (window.isZero()) {
            return null;
        }
        Instant at = run.createdAt().plus(window);
        if (scheduler.isPresent()) {
            scheduler
                    .get()
                    .scheduleIfNotExists(ExpireApprovalTask.DESCRIPTOR
                            .instance(run.id())
                            .data(run.id())
                            .scheduledTo(at));
        }
        return at;
    }

    private void tell(Run run, Message message, String outcome) {
        if (properties.getChannels().isEmpty() || !notifiers.isPresent()) {
            return;
        }
        NotifyResult result =
                notifiers.get().announce(properties.getChannels(), message, "approval:" + run.id() + ":" + outcome);
        for (ChannelOutcome o : result.notDelivered()) {
            LOG.warn(
                    "approval notice ({}) for run {} not delivered to {}: {}",
                    outcome,
                    run.id(),
                    o.channel(),
                    o.error());
        }
    }
}
