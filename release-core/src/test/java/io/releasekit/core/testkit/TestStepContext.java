package io.releasekit.core.testkit;

import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.service.ServiceGuards;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StepContext} for testing steps one at a time, without a runner: records plans and progress, and lets a test
 * feed outputs of "earlier steps".
 */
public final class TestStepContext implements StepContext {

    private final RunParameters parameters;
    private final boolean dryRun;
    private final ServiceGuards guards;
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final List<String> plans = new ArrayList<>();
    private final List<long[]> progress = new ArrayList<>();
    private String stepName = "step";
    private boolean replay;

    public TestStepContext(RunParameters parameters, boolean dryRun, ServiceGuards guards) {
        this.parameters = parameters;
        this.dryRun = dryRun;
        this.guards = guards;
    }

    /** A context for a real (not dry) run with default guards. */
    public static TestStepContext of(Map<String, ?> parameters) {
        return new TestStepContext(RunParameters.of(parameters), false, ServiceGuards.withDefaults());
    }

    /** A context for a dry run with default guards. */
    public static TestStepContext dryRun(Map<String, ?> parameters) {
        return new TestStepContext(RunParameters.of(parameters), true, ServiceGuards.withDefaults());
    }

    /** Sets the name of the step under test. */
    public TestStepContext forStep(String name) {
        this.stepName = name;
        return this;
    }

    /** Makes the step see itself as the replay of a deferred step ({@link StepContext#replay()}). */
    public TestStepContext replaying() {
        this.replay = true;
        return this;
    }

    /** Adds outputs as if earlier steps had produced them. */
    public TestStepContext withOutputs(Map<String, String> earlier) {
        outputs.putAll(earlier);
        return this;
    }

    /** The writes planned so far. */
    public List<String> plans() {
        return plans;
    }

    /** The progress reports so far, each {done, total, bytes}. */
    public List<long[]> progressReports() {
        return progress;
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public String kind() {
        return "test";
    }

    @Override
    public RunParameters parameters() {
        return parameters;
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public String requestedBy() {
        return "tester";
    }

    @Override
    public Optional<String> output(String key) {
        return Optional.ofNullable(outputs.get(key));
    }

    @Override
    public Map<String, String> outputs() {
        return Map.copyOf(outputs);
    }

    @Override
    public boolean replay() {
        return replay;
    }

    @Override
    public ServiceGuards guards() {
        return guards;
    }

    @Override
    public void progress(long done, long total, long bytes) {
        progress.add(new long[] {done, total, bytes});
    }

    @Override
    public void plan(String write) {
        plans.add(write);
    }
}
