package io.releasekit.api.recipes;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.releasekit.api.github.GitHubProperties;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.deploy.DeploymentStatuses;
import io.releasekit.core.deploy.DeploymentWaiter;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.image.ImageRegistries;
import io.releasekit.core.notify.Notifiers;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.process.git.MoveBranchProcess;
import io.releasekit.process.git.SyncBranchesProcess;
import io.releasekit.process.github.GitHubReleaseProcess;
import io.releasekit.process.github.GitHubReleaseToStageProcess;
import io.releasekit.process.github.GitHubWaitChecksProcess;
import io.releasekit.process.recipe.AetherCutBranchProcess;
import io.releasekit.process.recipe.AetherPatchReleaseProcess;
import io.releasekit.process.recipe.PackitDeploymentProcess;
import io.releasekit.process.recipe.RegistryReleaseProcess;
import io.releasekit.process.recipe.RegistryStageProcess;
import io.releasekit.process.recipe.TrainReleaseProcess;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The recipes: composite run kinds that chain the primitives into the seed processes, exposed as
 * {@link ProcessDefinition} beans so that {@code POST /api/v1/runs} starts them like any other kind.
 */
@Factory
public class RecipesFactory {

    /** {@code registry.release} (seed 001): GitHub release with notes, source zip into the beta stage. */
    @Singleton
    @Named(RegistryReleaseProcess.KIND)
    @Requires(beans = ArtifactStores.class)
    public ProcessDefinition registryRelease(
            ReleaseHosts hosts, BeanProvider<ArtifactStores> stores, GitHubProperties p) {
        return new RegistryReleaseProcess(
                new GitHubReleaseProcess(hosts),
                new GitHubReleaseToStageProcess(hosts, stores::get, p.getSpoolDir()),
                stores::get);
    }

    /** {@code registry.stage} (seed 001): a published release's zip into the beta stage, e.g. from its webhook. */
    @Singleton
    @Named(RegistryStageProcess.KIND)
    @Requires(beans = ArtifactStores.class)
    public ProcessDefinition registryStage(
            ReleaseHosts hosts, BeanProvider<ArtifactStores> stores, GitHubProperties p) {
        return new RegistryStageProcess(
                new GitHubReleaseToStageProcess(hosts, stores::get, p.getSpoolDir()), stores::get);
    }

    /**
     * {@code packit.deployment} (seed 004): staging checked, topics, {@code stable} moved to {@code main} in the configured git
     * repositories, image builds (GitHub checks and/or the images on their registry), blog post, Mastodon thread,
     * production waited for until it reports the commits pushed, topics restored.
     */
    @Singleton
    @Named(PackitDeploymentProcess.KIND)
    public ProcessDefinition packitDeployment(
            Notifiers notifiers,
            ReleaseHosts hosts,
            MoveBranchProcess moveBranch,
            ImageRegistries images,
            DeploymentStatuses deployments,
            DeploymentWaiter waiter) {
        Clock clock = Clock.systemUTC();
        return new PackitDeploymentProcess(
                notifiers,
                hosts,
                new GitHubWaitChecksProcess(hosts, new ChecksWaiter(clock, Sleeper.threadSleep())),
                moveBranch,
                images,
                deployments,
                waiter,
                clock);
    }

    /** {@code train.release} (seed 002): GitHub release at the merge commit, Slack notice, branches synced. */
    @Singleton
    @Named(TrainReleaseProcess.KIND)
    public ProcessDefinition trainRelease(ReleaseHosts hosts, SyncBranchesProcess sync, Notifiers notifiers) {
        return new TrainReleaseProcess(hosts, sync, notifiers);
    }

    /** {@code aether.patch-release} (seed 003): lazy branch, cherry-pick with patch bump, tag, back to -dev. */
    @Singleton
    @Named(AetherPatchReleaseProcess.KIND)
    public ProcessDefinition aetherPatchRelease(SourceRepositories repositories) {
        return new AetherPatchReleaseProcess(repositories);
    }

    /** {@code aether.cut-branch} (seed 003): lazy release branch at the x.y.0 commit, main's VERSION to x.(y+1).0-dev. */
    @Singleton
    @Named(AetherCutBranchProcess.KIND)
    public ProcessDefinition aetherCutBranch(SourceRepositories repositories) {
        return new AetherCutBranchProcess(repositories);
    }
}
