package io.releasekit.core.run.internal;

import io.releasekit.core.protect.Approver;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.WriteAuthority;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepRecord;
import io.releasekit.core.run.StepState;
import io.releasekit.core.service.ServiceGuards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link StepContext} the engine hands a step: the run's facts, earlier outputs, progress and plans. */
final class EngineStepContext implements StepContext {

    private final EngineCore core;
    private final Run run;
    private final String stepName;
    private final Map<String, String> outputs;
    private final boolean replay;
    private final boolean quiet;
    private final List<String> planned = new ArrayList<>();
    private final List<PlannedWrite> writes = new ArrayList<>();
    private final long progressIntervalNanos;
    private long lastProgress;
    private boolean progressed;

    EngineStepContext(EngineCore core, Run run, String stepName, Map<String, String> outputs, boolean replay) {
        this(core, run, stepName, outputs, replay, false);
    }

    /**
     * @param quiet whether progress goes nowhere (the planning of a run not stored yet)
     */
    EngineStepContext(
            EngineCore core, Run run, String stepName, Map<String, String> outputs, boolean replay, boolean quiet) {
        this.core = core;
        this.quiet = quiet;
        this.replay = replay;
        this.run = run;
        this.stepName = stepName;
        this.outputs = Map.copyOf(outputs);
        this.progressIntervalNanos = core.progressInterval().toNanos();
    }

    @Override
    public String runId() {
        return run.id();
    }

    @Override
    public String kind() {
        return run.kind();
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public RunParameters parameters() {
        return run.parameters();
    }

    @Override
    public boolean dryRun() {
        return run.dryRun();
    }

    @Override
    public String requestedBy() {
        return run.requestedBy();
    }

    @Override
    public List<io.releasekit.core.run.Approval> approvals() {
        return run.approvals();
    }

    @Override
    public Optional<String> output(String key) {
        return Optional.ofNullable(outputs.get(key));
    }

    @Override
    public Map<String, String> outputs() {
        return outputs;
    }

    @Override
    public Optional<StepRecord> failedStep() {
        return run.steps().stream().filter(r -> r.state() == StepState.FAILED).findFirst();
    }

    @Override
    public boolean replay() {
        return replay;
    }

    @Override
    public ServiceGuards guards() {
        return core.guards();
    }

    @Override
    public void progress(long done, long total, long bytes) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        boolean last = total >= 0 && done >= total;
        synchronized (this) {
            if (progressed && !last && now - lastProgress < progressIntervalNanos) {
                return;
            }
            progressed = true;
            lastProgress = now;
        }
        core.emitBestEffort(
                run.id(),
                RunEvent.Type.STEP_PROGRESS,
                stepName,
                Map.of("done", Long.toString(done), "total", Long.toString(total), "bytes", Long.toString(bytes)));
    }

    @Override
    public synchronized void plan(String write) {
        if (write != null && !write.isBlank()) {
            planned.add(write);
        }
    }

    @Override
    public synchronized void plan(PlannedWrite write) {
        plan(write.text());
        planWrite(write);
    }

    /** Adds a write to the plan without a text of the step's (a protected port's dry run saw it). */
    synchronized void planWrite(PlannedWrite write) {
        if (writes.stream().noneMatch(write::same)) {
            writes.add(write);
        }
    }

    /** The writes reported through {@link #plan(String)}. */
    synchronized List<String> planned() {
        return List.copyOf(planned);
    }

    /**
     * The structured writes of the plan, each target and operation once, sorted (writes planned from parallel threads
     * arrive in any order; a plan must not differ between two dry runs of the same state).
     */
    synchronized List<PlannedWrite> writes() {
        return writes.stream()
                .sorted(java.util.Comparator.comparing(PlannedWrite::encode))
                .toList();
    }

    /** The authority a step of this run executes under: planning for a dry run, else the run's plan and approvals. */
    WriteAuthority authority() {
        if (run.dryRun()) {
            return WriteAuthority.planning(run.id(), run.kind(), stepName, run.requestedBy(), this::planWrite);
        }
        if (core.protection().isEmpty()) {
            return WriteAuthority.direct(); // the engine plans nothing: a protected port sees a direct caller
        }
        List<Approver> approvers = run.approvals().stream()
                .map(a -> new Approver(a.principal(), a.role()))
                .toList();
        List<PlannedWrite> plan =
                run.steps().stream().flatMap(r -> r.plannedWrites().stream()).toList();
        return WriteAuthority.run(run.id(), run.kind(), stepName, run.requestedBy(), approvers, plan);
    }
}
