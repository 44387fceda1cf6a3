package io.releasekit.core.run.internal;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.Run;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The process definitions an engine knows, by kind. */
public final class Definitions {

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final ConcurrentHashMap<String, ProcessDefinition> byKind = new ConcurrentHashMap<>();

    /**
     * Adds a definition.
     *
     * @throws InvalidInputException for a malformed kind or one already registered
     */
    public void register(ProcessDefinition definition) {
        String kind = definition.kind();
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new InvalidInputException("run kind '" + kind
                    + "' is not valid: lower case letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        ProcessDefinition previous = byKind.putIfAbsent(kind, definition);
        if (previous != null && previous != definition) {
            throw new InvalidInputException("run kind '" + kind + "' is already registered by "
                    + previous.getClass().getName());
        }
    }

    /** Every definition, sorted by kind. */
    public List<ProcessDefinition> all() {
        List<ProcessDefinition> out = new ArrayList<>(byKind.values());
        out.sort(Comparator.comparing(ProcessDefinition::kind));
        return List.copyOf(out);
    }

    /** A definition by kind. */
    public Optional<ProcessDefinition> find(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /**
     * A definition by kind, for a request.
     *
     * @throws InvalidInputException naming the known kinds when the kind is unknown
     */
    public ProcessDefinition require(String kind) {
        ProcessDefinition d = byKind.get(kind);
        if (d == null) {
            throw new InvalidInputException(
                    "unknown run kind '" + kind + "'; known: " + new java.util.TreeSet<>(byKind.keySet()));
        }
        return d;
    }

    /**
     * The steps of a new run, checked for unique names.
     *
     * @throws IllegalStateException when the definition names a step twice (a bug in the definition)
     */
    public static List<Step> stepsOf(ProcessDefinition d, RunParameters parameters) {
        List<Step> steps = List.copyOf(d.steps(parameters));
        Set<String> names = new HashSet<>();
        for (Step s : steps) {
            if (!names.add(s.name())) {
                throw new IllegalStateException("process '" + d.kind() + "' declares step '" + s.name() + "' twice");
            }
        }
        return steps;
    }

    /**
     * The steps of a stored run, as its definition gives them now.
     *
     * @throws IllegalStateException when the kind is not registered or its steps no longer match the run's records
     */
    public List<Step> stepsOf(Run run) {
        ProcessDefinition d = find(run.kind())
                .orElseThrow(() ->
                        new IllegalStateException("run kind '" + run.kind() + "' is not registered with this engine"));
        List<Step> steps = stepsOf(d, run.parameters());
        List<String> now = steps.stream().map(Step::name).toList();
        List<String> recorded = run.steps().stream().map(StepRecord::name).toList();
        if (!now.equals(recorded)) {
            throw new IllegalStateException("process '" + run.kind() + "' now defines steps " + now
                    + " but the run recorded " + recorded + "; it cannot continue");
        }
        return steps;
    }
}
