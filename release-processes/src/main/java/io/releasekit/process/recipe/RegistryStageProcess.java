package io.releasekit.process.recipe;

import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.process.ParameterBlocks;
import io.releasekit.process.github.GitHubReleaseToStageProcess;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code registry.stage} (seed 001, the webhook half): a published GitHub release's zip copied, SHA-256 verified, into a
 * stage store with a {@code SHA256SUMS} next to it — what the maintainers' {@code release/release.sh} does after they
 * publish a release by hand. Meant to be started by GitHub's {@code release}/{@code published} webhook:
 *
 * <pre>
 * releasekit.github.webhook.triggers:
 *   - { event: release, repository: cfn-registry, action: published, kind: registry.stage,
 *       params: { repository: cfn-registry, tag: "{tag}", store: beta, stagePrefix: "awscommunity/{tag}/" } }
 * </pre>
 *
 * <p>Steps: {@code locate-source}, {@code copy-to-stage} (those of {@code github.release-to-stage}, never overwriting a
 * different object; the zip is put under its staged key {@code <zip>.releasekit-staged-<digest>}), {@code
 * write-stage-manifest} (reads the staged zip back and checks its SHA-256, writes and checks {@code SHA256SUMS}, and
 * only then moves the zip to its final key, so a pipeline triggered by the bucket never starts on unverified bytes) — the last three steps of {@link RegistryReleaseProcess}, so a
 * build staged either way is the same and {@code artifacts.promote} can verify it against its manifest. A second run
 * for the same tag skips every write.
 */
public final class RegistryStageProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "registry.stage";

    private final GitHubReleaseToStageProcess toStage;
    private final Supplier<ArtifactStores> stores;

    /**
     * The recipe over {@code github.release-to-stage}.
     *
     * @param toStage the {@code github.release-to-stage} process
     * @param stores the configured stores, looked up when a run is planned
     */
    public RegistryStageProcess(GitHubReleaseToStageProcess toStage, Supplier<ArtifactStores> stores) {
        this.toStage = toStage;
        this.stores = stores;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "A published GitHub release's source zip (or an asset) copied verified into a stage store with a"
                + " SHA256SUMS, e.g. from the release webhook (seed 001)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .with(ParameterBlocks.REPOSITORY)
                .string("tag", true, "the published release's tag")
                .string("store", true, "configured artifact store of the stage the zip goes to, e.g. beta")
                .string("stagePrefix", false, "key prefix in the stage store; '{tag}' is replaced by the tag")
                .string("asset", false, "copy this release asset instead of the source zip")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        return RegistryReleaseProcess.stageSteps(toStage, stores.get(), p, false);
    }
}
