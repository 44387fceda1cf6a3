package io.releasekit.api.github;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Factory;
import io.releasekit.core.artifact.ArtifactStores;
import io.releasekit.core.host.ChecksWaiter;
import io.releasekit.core.host.ReleaseHosts;
import io.releasekit.core.host.Sleeper;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.version.TagScheme;
import io.releasekit.github.GitHubConnection;
import io.releasekit.process.github.GitHubReleaseProcess;
import io.releasekit.process.github.GitHubReleaseToStageProcess;
import io.releasekit.process.github.GitHubWaitChecksProcess;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Wires GitHub from configuration: the connection, the configured repositories, the run kinds, the delivery log. */
@Factory
public class GitHubFactory {

    /** The one connection to the configured GitHub. */
    @Singleton
    public GitHubConnection gitHubConnection(GitHubProperties p) {
        return GitHubConnection.builder()
                .endpoint(p.getEndpoint())
                .token(p.getToken())
                .connectTimeout(p.getConnectTimeout())
                .responseTimeout(p.getResponseTimeout())
                .build();
    }

    /**
     * The configured repositories by name, guarded and protected (release writes pass the protection rules and a run's
     * plan); registers the {@code github} guard so its state is listed at once. The connection (an HTTP client with its
     * TLS context, ~0.3 s of start-up) is built only when a repository is configured.
     */
    @Singleton
    public ReleaseHosts releaseHosts(
            BeanProvider<GitHubConnection> connection,
            List<GitHubRepositoryProperties> repositories,
            ServiceGuards guards,
            Protection protection) {
        ReleaseHosts.Builder b = ReleaseHosts.builder(guards).protection(protection);
        if (repositories.isEmpty()) {
            return b.build();
        }
        GitHubConnection github = connection.get();
        for (GitHubRepositoryProperties r : repositories) {
            b.add(r.getName(), github.repository(r.getOwner(), r.getRepo()), TagScheme.of(r.getTagPrefix()));
        }
        guards.register(github.service());
        return b.build();
    }

    /** {@code github.release}. */
    @Singleton
    @Named(GitHubReleaseProcess.KIND)
    public ProcessDefinition gitHubRelease(ReleaseHosts hosts) {
        return new GitHubReleaseProcess(hosts);
    }

    /** {@code github.wait-checks}, waiting with the system clock. */
    @Singleton
    @Named(GitHubWaitChecksProcess.KIND)
    public ProcessDefinition gitHubWaitChecks(ReleaseHosts hosts) {
        return new GitHubWaitChecksProcess(hosts, new ChecksWaiter(Clock.systemUTC(), Sleeper.threadSleep()));
    }

    /** {@code github.release-to-stage}; the artifact stores are looked up when a run is planned. */
    @Singleton
    @Named(GitHubReleaseToStageProcess.KIND)
    public ProcessDefinition gitHubReleaseToStage(
            ReleaseHosts hosts, BeanProvider<ArtifactStores> stores, GitHubProperties p) {
        return new GitHubReleaseToStageProcess(hosts, stores::get, p.getSpoolDir());
    }
}
