package io.releasekit.core.deploy;

import io.releasekit.core.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One read of a deployment held against what it must report: per expected component, what it reported and whether that
 * matches.
 *
 * @param snapshot the read
 * @param components each expectation with the reported value
 */
public record DeploymentEvaluation(StatusSnapshot snapshot, List<Component> components) {

    public DeploymentEvaluation {
        Objects.requireNonNull(snapshot, "snapshot");
        components = List.copyOf(components);
    }

    /**
     * An expected component and what the deployment reported.
     *
     * @param expectation what it must report
     * @param reported what it reported, if anything
     */
    public record Component(ComponentExpectation expectation, Optional<String> reported) {
        public Component {
            Objects.requireNonNull(expectation, "expectation");
            Objects.requireNonNull(reported, "reported");
        }

        /** Whether the reported value matches. */
        public boolean matches() {
            return expectation.matches(reported);
        }

        /** {@code packit-service: 3f2a9c1 (expected 3f2a9c1)} or {@code packit: nothing (expected ...)}. */
        public String describe() {
            return expectation.component() + ": " + reported.orElse("nothing") + " (expected "
                    + expectation.expected().orElse("a value") + ")";
        }
    }

    /**
     * Holds a read against expectations.
     *
     * @throws NotFoundException when an expectation names a component the deployment has not configured
     */
    public static DeploymentEvaluation of(StatusSnapshot snapshot, List<ComponentExpectation> expectations) {
        List<Component> out = new ArrayList<>();
        for (ComponentExpectation e : expectations) {
            out.add(new Component(e, snapshot.value(e.component())));
        }
        return new DeploymentEvaluation(snapshot, out);
    }

    /** Whether every component reports what it must. */
    public boolean verified() {
        return components.stream().allMatch(Component::matches);
    }

    /** The components that do not report what they must. */
    public List<Component> mismatches() {
        return components.stream().filter(c -> !c.matches()).toList();
    }

    /** Every component, described: {@code packit-service: 3f2a9c1 (expected 3f2a9c1); packit: ...}. */
    public String describe() {
        return String.join("; ", components.stream().map(Component::describe).toList());
    }
}
