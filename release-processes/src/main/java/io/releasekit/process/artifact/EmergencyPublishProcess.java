package io.releasekit.process.artifact;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.approval.ApprovalPolicy;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.artifact.ArtifactStore;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.artifact.Publisher;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.ServiceNeed;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.CommitId;
import io.releasekit.core.scm.RefNames;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.service.ServiceNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code emergency-publish} (seed 000, "releasing during outages"): publish the CI artifacts of one commit from the
 * artifacts store to the releases store while other services are down, then add the release to the store's release
 * index. Given a full 40-digit commit id, its steps depend strictly on the two stores' services only (S3 in each
 * region, and STS where a store assumes a role), so the preflight is NO-GO exactly when one of those is down, and an
 * outage of GitHub or chat never blocks it. Given a branch, tag or short hash, a first step resolves it to the full
 * commit in the configured repository ({@link EmergencyPublishSettings#repository()}), which then is a strict
 * dependency too. It needs {@link EmergencyPublishSettings#approvals()} release managers' approvals (two by default),
 * the requester excluded.
 *
 * <p>Steps: [{@code resolve-commit}], {@code verify-source}, {@code copy}, {@code verify-destination}, {@code
 * write-manifest}, {@code update-index} (see {@link ReleaseIndexStep}: last, and atomic).
 */
public final class EmergencyPublishProcess implements ProcessDefinition {

    /** The process kind. */
    public static final String KIND = "emergency-publish";

    /** The output of {@code resolve-commit}: the full commit id the run publishes. */
    public static final String COMMIT_OUTPUT = "commit";

    private final ArtifactStores stores;
    private final SourceRepositories repositories;
    private final EmergencyPublishSettings settings;
    private final PublishSettings publishSettings;
    private final Clock clock;

    /** The process over the configured stores, for full commit ids only (no repository). */
    public EmergencyPublishProcess(
            ArtifactStores stores, EmergencyPublishSettings settings, PublishSettings publishSettings) {
        this(stores, null, settings, publishSettings, Clock.systemUTC());
    }

    /**
     * The process over the configured stores and repositories.
     *
     * @param repositories where {@link EmergencyPublishSettings#repository()} is configured; may be null when the
     *     settings name no repository
     * @param clock the time recorded in the release index
     */
    public EmergencyPublishProcess(
            ArtifactStores stores,
            SourceRepositories repositories,
            EmergencyPublishSettings settings,
            PublishSettings publishSettings,
            Clock clock) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.publishSettings = Objects.requireNonNull(publishSettings, "publishSettings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (settings.repository().isPresent() && repositories == null) {
            throw new InvalidInputException("emergency-publish resolves refs in repository '"
                    + settings.repository().get() + "', but no repositories are configured");
        }
        this.repositories = repositories;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Break-glass: publish the verified CI artifacts of a commit to the releases store and add it to the"
                + " release index, depending only on the stores' own services (and the repository for a branch, tag"
                + " or short hash); needs " + settings.approvals() + " release managers' approval";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string(
                        "commit",
                        true,
                        "the commit whose artifacts to publish: a full 40-digit commit id, or a branch, tag or short"
                                + " hash resolved in the configured repository")
                .bool("overwrite", false, "replace different objects already in the releases store (default false)")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        String ref = ref(p.string("commit"));
        List<Step> steps = new ArrayList<>();
        if (!CommitId.isFull(ref)) {
            steps.add(resolve(ref));
        }
        ArtifactStore source = stores.get(settings.artifactsStore());
        ArtifactStore destination = stores.get(settings.releasesStore());
        steps.addAll(PublishSteps.of(source, destination, ctx -> new Publisher(ctx.guards())
                .publish(source, sourcePrefix(ctx), destination, destinationPrefix(ctx))
                .manifest(settings.manifest())
                .overwrite(p.bool("overwrite", false))
                .signatures(publishSettings.publishingPolicy(Optional.empty()))
                .trustStoreChecksums(publishSettings.trustStoreChecksums())
                .concurrency(publishSettings.concurrency())));
        steps.add(new ReleaseIndexStep(
                destination,
                ArtifactKey.of(settings.index()),
                clock,
                ref,
                EmergencyPublishProcess::commit,
                this::destinationPrefix));
        return List.copyOf(steps);
    }

    @Override
    public ApprovalPolicy approvalPolicy(RunParameters parameters) {
        return ApprovalPolicy.releaseManagers(settings.approvals());
    }

    /**
     * Checks what a run was asked to publish: a full commit id (lower-cased) or, when a repository is configured, a
     * name it can resolve (a branch, tag or short hash).
     *
     * @throws InvalidInputException naming the value when it is neither
     */
    public String ref(String value) {
        if (CommitId.isFull(value)) {
            return value.toLowerCase(Locale.ROOT);
        }
        RefNames.require("commit", value);
        if (settings.repository().isEmpty()) {
            throw new InvalidInputException(
                    "commit '" + value + "' is not a full 40-digit commit id, and no repository"
                            + " is configured to resolve a branch, tag or short hash in (releasekit.emergency-publish.repository)");
        }
        return value;
    }

    /** The full commit a step of the run publishes: resolved by {@code resolve-commit}, or given. */
    private static String commit(StepContext ctx) {
        return ctx.output(COMMIT_OUTPUT)
                .orElseGet(() -> ctx.parameters().string("commit").toLowerCase(Locale.ROOT));
    }

    private String sourcePrefix(StepContext ctx) {
        return ArtifactKey.prefix(settings.sourcePrefix().replace("{commit}", commit(ctx)));
    }

    private String destinationPrefix(StepContext ctx) {
        return ArtifactKey.prefix(settings.destinationPrefix().replace("{commit}", commit(ctx)));
    }

    /**
     * {@code resolve-commit}: fetches the repository's remote (the clone's copies of the remote's refs move, never the
     * remote; a dry run fetches too, so it resolves what the real run will) and resolves the name there, a branch as
     * the remote has it.
     */
    private Step resolve(String ref) {
        SourceRepository repo = repositories.get(settings.repository().orElseThrow());
        Optional<String> remote = repo.defaultRemote();
        List<ServiceNeed> needs = remote.map(r -> List.of(ServiceNeed.strict(ServiceNames.git(r))))
                .orElse(List.of());
        return Step.of("resolve-commit", needs, false, ctx -> {
            remote.ifPresent(r -> repo.fetch(r).call());
            CommitId commit = remote.flatMap(r -> remoteBranch(repo, r, ref)).orElseGet(() -> repo.resolve(ref));
            return StepOutcome.succeeded(
                    "'" + ref + "' is commit " + commit.value() + " in repository " + repo.name(),
                    Map.of(COMMIT_OUTPUT, commit.value()));
        });
    }

    private static Optional<CommitId> remoteBranch(SourceRepository repo, String remote, String ref) {
        try {
            return Optional.of(repo.resolve("refs/remotes/" + remote + "/" + ref));
        } catch (NotFoundException | InvalidInputException e) {
            return Optional.empty(); // not a branch of the remote: a tag or a commit id
        }
    }
}
