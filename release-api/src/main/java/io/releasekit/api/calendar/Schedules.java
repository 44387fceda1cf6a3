package io.releasekit.api.calendar;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.micronaut.context.BeanProvider;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunEngine;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release calendar: schedules stored in the database, each with one {@link FireScheduleTask} execution on the
 * clustered scheduler due at its next fire time. Creating, updating and resuming a schedule (re)plans that execution;
 * pausing and deleting remove it. A replica without a scheduler (API only) stores the change, and the replicas with one
 * plan every schedule that lacks an execution when they start ({@link #planMissing()}).
 */
@Singleton
public class Schedules {

    private static final Logger LOG = LoggerFactory.getLogger(Schedules.class);

    /** At most this many fire times are previewed. */
    public static final int MAX_PREVIEW = 100;

    private final JdbcScheduleStore store;
    private final ScheduleFiring firing;
    private final BeanProvider<RunEngine> engine;
    private final BeanProvider<Scheduler> scheduler;
    private final Clock clock;

    Schedules(
            JdbcScheduleStore store,
            ScheduleFiring firing,
            BeanProvider<RunEngine> engine,
            BeanProvider<Scheduler> scheduler,
            Clock clock) {
        this.store = store;
        this.firing = firing;
        this.engine = engine;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Creates a schedule, checking its kind and parameters like {@code POST /runs}.
     *
     * @throws InvalidInputException for an unknown kind or invalid parameters
     * @throws io.releasekit.core.ConflictException when the name is taken
     */
    public ReleaseSchedule create(ScheduleSpec spec, String by) {
        check(spec);
        Instant now = clock.instant();
        ReleaseSchedule s = store.insert(new ReleaseSchedule(spec, false, by, now, now, null, 0));
        plan(s);
        return s;
    }

    /** Replaces a schedule's spec (same name); its next fire time follows the new calendar. */
    public ReleaseSchedule update(String name, ScheduleSpec spec) {
        check(spec);
        ReleaseSchedule s = store.update(require(name).withSpec(spec, clock.instant()));
        plan(s);
        return s;
    }

    /** Pauses a schedule: it fires nothing until resumed. Pausing a paused schedule changes nothing. */
    public ReleaseSchedule pause(String name) {
        ReleaseSchedule s = require(name);
        s = s.paused() ? s : store.update(s.withPaused(true, clock.instant()));
        plan(s);
        return s;
    }

    /** Resumes a schedule from its next fire time after now; fire times while it was paused are not made up. */
    public ReleaseSchedule resume(String name) {
        ReleaseSchedule s = require(name);
        s = s.paused() ? store.update(s.withPaused(false, clock.instant())) : s;
        plan(s);
        return s;
    }

    /** Deletes a schedule; the runs it started stay. */
    public void delete(String name) {
        if (!store.delete(name)) {
            throw new NotFoundException("schedule '" + name + "' does not exist");
        }
        unplan(name);
    }

    /** A schedule by name. */
    public ReleaseSchedule get(String name) {
        return require(name);
    }

    /** Every schedule, by name. */
    public List<ReleaseSchedule> list() {
        return store.list();
    }

    /** The next fire time of a schedule: empty while paused or when it never fires again. */
    public Optional<Instant> nextFire(ReleaseSchedule s) {
        return s.paused() ? Optional.empty() : firing.nextFire(s.spec());
    }

    /**
     * The next {@code count} fire times after now, exception dates included (marked by {@link
     * ScheduleSpec#isException(Instant)}).
     */
    public List<Instant> preview(ScheduleSpec spec, int count) {
        if (count < 1 || count > MAX_PREVIEW) {
            throw new InvalidInputException("count must be 1 to " + MAX_PREVIEW + ", was " + count);
        }
        List<Instant> out = new ArrayList<>();
        Instant after = clock.instant();
        for (int i = 0; i < count; i++) {
            Optional<Instant> next = spec.calendar().nextAfter(after);
            if (next.isEmpty()) {
                break;
            }
            out.add(next.get());
            after = next.get();
        }
        return out;
    }

    /** Plans an execution for every active schedule that has none (called when a replica's scheduler starts). */
    public int planMissing() {
        if (!scheduler.isPresent()) {
            return 0;
        }
        int planned = 0;
        for (ReleaseSchedule s : store.list()) {
            Optional<Instant> next = nextFire(s);
            if (next.isPresent()
                    && scheduler.get().scheduleIfNotExists(instance(s.id()).scheduledTo(next.get()))) {
                planned++;
            }
        }
        return planned;
    }

    private void check(ScheduleSpec spec) {
        RunEngine runs = engine.get();
        ProcessDefinition d = runs.definition(spec.kind())
                .orElseThrow(() -> new InvalidInputException("unknown run kind '" + spec.kind() + "'; known: "
                        + runs.kinds().stream().map(ProcessDefinition::kind).toList()));
        d.parameters().validate(spec.parameters());
    }

    private ReleaseSchedule require(String name) {
        return store.find(name).orElseThrow(() -> new NotFoundException("schedule '" + name + "' does not exist"));
    }

    private void plan(ReleaseSchedule s) {
        Optional<Instant> next = nextFire(s);
        if (next.isEmpty()) {
            unplan(s.id());
            return;
        }
        if (scheduler.isPresent()) {
            try {
                scheduler
                        .get()
                        .schedule(
                                instance(s.id()).scheduledTo(next.get()),
                                SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
            } catch (RuntimeException e) {
                // the execution is firing right now: when it completes, it reads the schedule as stored now
                LOG.info("schedule {} is firing now; its next fire time follows the change when it completes", s.id());
            }
        }
    }

    private void unplan(String name) {
        if (!scheduler.isPresent()) {
            return;
        }
        try {
            scheduler.get().cancel(TaskInstanceId.of(FireScheduleTask.NAME, name));
        } catch (RuntimeException e) {
            // none planned, or firing right now: a firing that finds the schedule paused or gone plans nothing next
            LOG.debug("schedule {}: no execution to cancel ({})", name, e.getMessage());
        }
    }

    private static com.github.kagkarlsson.scheduler.task.TaskInstance.Builder<String> instance(String name) {
        return FireScheduleTask.DESCRIPTOR.instance(name).data(name);
    }
}
