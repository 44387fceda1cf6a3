package io.releasekit.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.releasekit.github.FakeGitHub;
import io.releasekit.github.RegistryReleaseScenario;
import io.releasekit.github.TrainReleaseScenario;
import io.releasekit.notify.SlackScenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * GitHub and Slack played by WireMock with the shapes the release APIs' end-to-end tests use: the same scenario
 * classes ({@link TrainReleaseScenario}, {@link SlackScenario}) on the same real-shaped payloads, and, as those tests
 * do between their calls, the state after a write (the published release, the posted notice) served once the write
 * arrived.
 */
final class OutsideServices {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutsideServices() {}

    /**
     * GitHub ({@link FakeGitHub#OWNER}/{@link FakeGitHub#REPO}) as seed 002's repository is before the weekly release
     * v1.4.1, for the history of the bare repository {@code bare} (made by the {@code train-github} git scenario): v1.4.0
     * at {@code main^1}, the merge commit {@code main} to release, {@code development}'s commit in its notes.
     */
    static FakeGitHub trainGitHub(Path bare) throws Exception {
        FakeGitHub github = new FakeGitHub();
        String merge = revParse(bare, "main");
        TrainReleaseScenario train =
                new TrainReleaseScenario(github, revParse(bare, "main^1"), revParse(bare, "main^2"), merge);
        train.beforeTheRelease();
        onPublished(github, TrainReleaseScenario.DRAFT_ID, train::afterTheRelease);
        return github;
    }

    /**
     * GitHub as seed 001's CloudFormation community registry is before its release {@value RegistryReleaseScenario#TAG}
     * ({@link RegistryReleaseScenario}: tags up to release-0.1.1, two pull requests merged since, the source zip behind
     * the redirect to codeload), the published release served once the run published it. GitHub's {@code
     * release}/{@code published} delivery for it is saved as {@code release-published.json} in {@code pageDir}.
     */
    static FakeGitHub registryGitHub(Path pageDir) throws Exception {
        FakeGitHub github = new FakeGitHub().withRepository();
        RegistryReleaseScenario registry = new RegistryReleaseScenario(github);
        registry.stubRepositoryBeforeTheRelease();
        registry.stubSourceZip();
        onPublished(github, 106, registry::stubPublished);
        Files.write(pageDir.resolve("release-published.json"), FakeGitHub.webhookPayload("release-published.json"));
        return github;
    }

    /** Slack's Web API under {@code /api} with channel {@link SlackScenario#CHANNEL}, the post kept in its history. */
    static WireMockServer slack() {
        WireMockServer slack = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        slack.start();
        SlackScenario channel = new SlackScenario(slack, SlackScenario.CHANNEL);
        channel.up();
        slack.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().startsWith(SlackScenario.POST) && response.getStatus() == 200) {
                channel.has(parse(request.getBodyAsString()));
            }
        });
        return slack;
    }

    /**
     * Once GitHub answered the edit of release {@code id} (the run writing the notes and publishing the draft), {@code
     * published} gets the notes sent, as the E2E tests call their scenario's "after the release" between two calls.
     */
    private static void onPublished(FakeGitHub github, long id, Consumer<String> published) {
        String path = FakeGitHub.PATH + "/releases/" + id;
        github.server().addMockServiceRequestListener((request, response) -> {
            if (request.getMethod().getName().equals("PATCH")
                    && request.getUrl().startsWith(path)
                    && response.getStatus() == 200) {
                published.accept(String.valueOf(parse(request.getBodyAsString()).get("body")));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** {@code git rev-parse rev} in the repository {@code bare}. */
    static String revParse(Path bare, String rev) throws Exception {
        Process p = new ProcessBuilder("git", "-C", bare.toString(), "rev-parse", rev)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("git rev-parse " + rev + " in " + bare + ": " + out);
        }
        return out;
    }
}
