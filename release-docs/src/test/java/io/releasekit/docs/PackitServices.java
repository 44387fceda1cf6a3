package io.releasekit.docs;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.PackitGitHubScenario;
import io.releasekit.notify.PackitChatScenario;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Seed 004's outside world as {@code PackitDeploymentApiE2ETest} plays it, for a page: GitHub ({@link
 * PackitGitHubScenario}), Slack, Matrix and Mastodon ({@link PackitChatScenario}), and the deployments' status
 * endpoints. The state a week of deployments leaves behind is served as those tests serve it between their calls:
 * the topics are back to the channel's own once restored (so the next run finds them as the first did), and
 * production reports what {@code stable} is in the bare remote at the moment it is asked (a production that deployed
 * the push at once).
 */
final class PackitServices {

    /** Pull requests with release notes merged into packit-service since its previous stable. */
    static final List<String[]> SERVICE_PULL_REQUESTS = List.of(
            PackitGitHubScenario.pr(
                    2701,
                    "Retrigger tests for a single target with /packit test",
                    "Intro.\n\nYou can now retrigger `/packit test` for one target."),
            PackitGitHubScenario.pr(
                    2702, "Dashboard lists the pipelines of the last 30 days", "The dashboard loads 2x faster."));
    /** Pull requests with release notes merged into any other repository since its previous stable. */
    static final List<String[]> PULL_REQUESTS = List.of(
            PackitGitHubScenario.pr(
                    2450, "Packit can now find a spec file inside a bottle of rum", "Very handy when thirsty."),
            PackitGitHubScenario.pr(
                    2451, "propose-downstream opens one pull request per dist-git branch again", "Back as before."));

    private PackitServices() {}

    /**
     * GitHub for the git fixtures {@code repos} (bare remotes below {@code fixtures}): each repository's {@code main}
     * and {@code stable} are its {@code main} head (the commit the run pushes as stable), whose image build passed, and
     * two pull requests with release notes merged since the previous stable.
     */
    static FakeGitHub gitHub(Path fixtures, List<String> repos) throws Exception {
        FakeGitHub github = new FakeGitHub();
        PackitGitHubScenario packit = new PackitGitHubScenario(github);
        for (String repo : repos) {
            String main = OutsideServices.revParse(fixtures.resolve(repo + ".git"), "main");
            packit.repository(repo, main);
            packit.main(repo, main);
            packit.imageBuild(repo, main, "completed", "success");
            packit.pullRequestsWithReleaseNotes(
                    repo, repo.equals("packit-service") ? SERVICE_PULL_REQUESTS : PULL_REQUESTS);
        }
        return github;
    }

    /**
     * Slack (under {@code /slack/api}), Matrix and Mastodon on one WireMock, {@code banner} being the run's topic. Once
     * a run put both topics back, the chat is as before the first run (the topics are the channels' own again, a new
     * thread starts at the first status id).
     */
    static WireMockServer chat(String banner) {
        AtomicReference<WireMockServer> server = new AtomicReference<>();
        WireMockServer chat = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(new RestoredLikeBefore(server)));
        server.set(chat);
        chat.start();
        PackitChatScenario chats = new PackitChatScenario(chat, banner);
        chats.topics(false);
        chats.mastodonAnswers();
        return chat;
    }

    /**
     * Once Matrix's topic is put back (the run's last write), the scenarios start over — before the answer leaves, so
     * the next run cannot come first.
     */
    private record RestoredLikeBefore(AtomicReference<WireMockServer> chat) implements ServeEventListener {

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            var request = event.getRequest();
            if (event.getResponse().getStatus() / 100 == 2
                    && request.getUrl().equals(PackitChatScenario.ROOM_TOPIC)
                    && request.getMethod().getName().equals("PUT")
                    && request.getBodyAsString().contains(PackitChatScenario.MATRIX_TOPIC)) {
                chat.get().resetScenarios();
            }
        }

        @Override
        public String getName() {
            return "packit-chat-restored-like-before";
        }
    }

    /**
     * The deployments' status endpoints, {@code /api/system} as Packit's, a component per git fixture (named as the
     * repository with {@code _} for {@code -}, reporting {@code commit}): staging ({@code /stg/api/system}) runs each
     * repository's {@code main}; production ({@code /api/system}) runs what {@code stable} is in the bare remote when
     * asked.
     */
    static WireMockServer deployments(Path fixtures, List<String> repos) throws Exception {
        WireMockServer status = new WireMockServer(WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(new ProductionFollowsStable(fixtures, repos)));
        status.start();
        StringBuilder staging = new StringBuilder();
        for (String repo : repos) {
            staging.append(staging.isEmpty() ? "" : ",")
                    .append(component(repo, OutsideServices.revParse(fixtures.resolve(repo + ".git"), "main")));
        }
        status.stubFor(WireMock.get("/stg/api/system").willReturn(okJson("{" + staging + "}")));
        status.stubFor(WireMock.get("/api/system")
                .willReturn(WireMock.aResponse().withTransformers(ProductionFollowsStable.NAME)));
        return status;
    }

    private static String component(String repo, String commit) {
        return "\"" + repo.replace('-', '_') + "\":{\"commit\":\"" + commit + "\",\"version\":\"0.104.0\"}";
    }

    /** Production's {@code /api/system}: each component reports the bare remote's {@code stable} as it is now. */
    private record ProductionFollowsStable(Path fixtures, List<String> repos)
            implements ResponseDefinitionTransformerV2 {

        static final String NAME = "production-follows-stable";

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            StringBuilder body = new StringBuilder();
            for (String repo : repos) {
                try {
                    body.append(body.isEmpty() ? "" : ",")
                            .append(component(
                                    repo, OutsideServices.revParse(fixtures.resolve(repo + ".git"), "stable")));
                } catch (Exception e) {
                    return new ResponseDefinitionBuilder()
                            .withStatus(500)
                            .withBody(e.getMessage())
                            .build();
                }
            }
            return new ResponseDefinitionBuilder()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{" + body + "}")
                    .build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
