package io.releasekit.core.protect;

import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.protect.internal.Gate;
import io.releasekit.core.protect.internal.ProtectedArtifactStore;
import io.releasekit.core.protect.internal.ProtectedSourceRepository;
import io.releasekit.core.scm.SourceRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Protection where the write happens: wraps ports so that every write passes one check against the {@link
 * ProtectionPolicy} and the current {@link WriteAuthority}. The registries hand out ports wrapped this way, so a
 * process, step or controller cannot forget the check.
 *
 * <pre>{@code
 * Protection protection = Protection.of(ProtectionPolicy.of(new ProtectionRule("releases",
 *         new TargetPattern.StorePrefix("releases", ""), Set.of(WriteOperation.WRITE),
 *         ApprovalPolicy.releaseManagers(2))));
 * ArtifactStore releases = protection.store("releases", new FileSystemArtifactStore(dir));
 * SourceRepository repo = protection.repository(JGitSourceRepository.open(...));
 * ImageRegistries registries = ImageRegistries.of(Map.of("quay", quay), guards, ImageRegistries.protectedBy(protection));
 * ReleaseHosts hosts = ReleaseHosts.builder(guards).protection(protection).add("cfn", github, scheme).build();
 * Notifiers channels = new Notifiers(List.of(slack, matrix), guards, protection);
 * RunEngine engine = RunEngine.builder().protection(protection)...build();
 * }</pre>
 *
 * <p>A write made outside a run (a direct REST call, a library call) to a protected target throws {@link
 * ApprovalRequiredException}; a run writes only what its plan named, protected targets only with their approvals.
 */
public final class Protection {

    private final ProtectionPolicy policy;
    private final List<WriteObserver> observers;
    private final Gate gate;

    private Protection(ProtectionPolicy policy, List<WriteObserver> observers) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.observers = List.copyOf(observers);
        this.gate = new Gate(policy, this.observers);
    }

    /** Protection by these rules. */
    public static Protection of(ProtectionPolicy policy) {
        return new Protection(policy, List.of());
    }

    /** A copy that also tells {@code observer} of every write the wrapped ports make. */
    public Protection withObserver(WriteObserver observer) {
        List<WriteObserver> all = new ArrayList<>(observers);
        all.add(Objects.requireNonNull(observer, "observer"));
        return new Protection(policy, all);
    }

    /** The rules. */
    public ProtectionPolicy policy() {
        return policy;
    }

    /** {@code store}, configured as {@code name}, with its writes checked. */
    public ArtifactStore store(String name, ArtifactStore store) {
        return new ProtectedArtifactStore(name, Objects.requireNonNull(store, "store"), gate);
    }

    /** {@code repository} with its writes checked. */
    public SourceRepository repository(SourceRepository repository) {
        return new ProtectedSourceRepository(Objects.requireNonNull(repository, "repository"), gate);
    }

    /**
     * For a port of another module: checks writes about to happen, logging refusals and approved
     * protected writes.
     *
     * @throws ApprovalRequiredException when a protected write lacks its approvals
     * @throws UnplannedWriteException when a run writes outside its plan, or a dry run writes
     */
    public void allow(List<PlannedWrite> writes) {
        gate.allow(writes);
    }

    /**
     * For a port that writes to several targets at once (an announcement to several channels): checks them all before
     * the first is written, so that a refused one stops the others. Logs a refusal, nothing else.
     *
     * @throws ApprovalRequiredException when a protected write lacks its approvals
     * @throws UnplannedWriteException when a run writes outside its plan, or a dry run writes
     */
    public void requireAllowed(List<PlannedWrite> writes) {
        gate.requireAllowed(writes);
    }

    /**
     * For a port of another module, its one wrapping point of a write: checks {@code writes} (as {@link #allow}), makes
     * them with {@code action}, and tells the observers (as {@link #written}) once it returned.
     *
     * @throws ApprovalRequiredException when a protected write lacks its approvals; {@code action} is not called
     * @throws UnplannedWriteException when a run writes outside its plan, or a dry run writes
     */
    public <T> T write(List<PlannedWrite> writes, java.util.function.Supplier<T> action) {
        gate.allow(writes);
        T out = action.get();
        gate.written(writes);
        return out;
    }

    /** For a port of another module: writes a dry run would make, added to the plan being made. */
    public void planned(List<PlannedWrite> writes) {
        gate.planned(writes);
    }

    /** For a port of another module: writes that happened, told to the observers. */
    public void written(List<PlannedWrite> writes) {
        gate.written(writes);
    }
}
