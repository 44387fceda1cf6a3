package io.releasekit.core.run.internal;

import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.StepContext;
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
    private final List<String> planned = new ArrayList<>();
    private final long progressIntervalNanos;
    private long lastProgress;
    private boolean progressed;

    EngineStepContext(EngineCore core, Run run, String stepName, Map<String, String> outputs, boolean replay) {
        this.core = core;
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
    public Optional<String> output(String key) {
        return Optional.ofNullable(outputs.get(key));
    }

    @Override
    public Map<String, String> outputs() {
        return outputs;
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

    /** The writes reported through {@link #plan(String)}. */
    synchronized List<String> planned() {
        return List.copyOf(planned);
    }
}
