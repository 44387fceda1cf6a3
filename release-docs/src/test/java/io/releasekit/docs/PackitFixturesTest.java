package io.releasekit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.notify.PackitChatScenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed 004's fixtures as a page declares them, checked over HTTP and git before any page relies on them. */
class PackitFixturesTest {

    static final String BANNER = "⚠️ Production redeployment in progress. ⚠️";
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Declaration declaration() {
        return Declaration.parse(
                "p.md",
                List.of(
                        "<!-- docs-harness",
                        "git packit-service packit",
                        "github packit packit-service",
                        "chat packit " + BANNER + "   # the run's topic",
                        "deployments packit-service",
                        "quay packit/packit-service",
                        "-->"));
    }

    @Test
    void parsesTheSeed004Items() {
        Declaration d = declaration();

        assertThat(d.github()).containsExactly("packit", "packit-service");
        assertThat(d.chat()).isEqualTo("packit " + BANNER);
        assertThat(d.deployments()).containsExactly("packit-service");
        assertThat(d.quay()).containsExactly("packit/packit-service");
    }

    @Test
    void productionReportsTheRemotesStableAsItIsWhenAskedAndStagingRunsMain() throws Exception {
        try (Fixtures f = Fixtures.make(declaration(), dir, DocsIT.RESOURCES)) {
            Path bare = dir.resolve("packit-service.git");
            String main = OutsideServices.revParse(bare, "main");
            String stable = OutsideServices.revParse(bare, "stable");
            String status = f.variables().get("DEPLOYMENTS");
            assertThat(stable).isNotEqualTo(main);

            assertThat(commit(status + "/stg/api/system")).isEqualTo(main);
            assertThat(commit(status + "/api/system")).isEqualTo(stable);
            git(bare, "update-ref", "refs/heads/stable", main); // the run's push
            assertThat(commit(status + "/api/system")).isEqualTo(main);
            assertThat(send("GET", f.variables().get("GITHUB") + "/repos/packit/packit-service/commits/main", null)
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void theChatIsAsBeforeTheFirstRunOnceBothTopicsAreRestored() throws Exception {
        try (Fixtures f = Fixtures.make(declaration(), dir, DocsIT.RESOURCES)) {
            String chat = f.variables().get("CHAT");
            for (int run = 1; run <= 2; run++) {
                assertThat(setSlackTopic(chat, BANNER))
                        .as("run %d sets the banner", run)
                        .isEqualTo(200);
                assertThat(send("PUT", chat + PackitChatScenario.ROOM_TOPIC, topic(BANNER))
                                .statusCode())
                        .isEqualTo(200);
                assertThat(setSlackTopic(chat, PackitChatScenario.SLACK_TOPIC)).isEqualTo(200);
                assertThat(send("PUT", chat + PackitChatScenario.ROOM_TOPIC, topic(PackitChatScenario.MATRIX_TOPIC))
                                .statusCode())
                        .isEqualTo(200);
            }
            assertThat(setSlackTopic(chat, "not the banner")).isEqualTo(404);
        }
    }

    @Test
    void quayListsItsTagsAndServesManifestsUnderTheirDigests() throws Exception {
        try (Fixtures f = Fixtures.make(declaration(), dir, DocsIT.RESOURCES)) {
            String quay = f.variables().get("QUAY");
            HttpResponse<String> tags = HTTP.send(
                    HttpRequest.newBuilder(URI.create(
                                    quay + "/api/v1/repository/packit/packit-service/tag/?onlyActiveTags=true&page=1"))
                            .header("Authorization", "Bearer " + f.variables().get("QUAY_API_TOKEN"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode list = JSON.readTree(tags.body()).path("tags");
            assertThat(list).hasSize(QuayServer.WEEKS + 2);
            assertThat(list.get(0).path("name").asText()).isEqualTo("stable");

            HttpResponse<byte[]> manifest = HTTP.send(
                    HttpRequest.newBuilder(URI.create(quay + "/v2/packit/packit-service/manifests/stable"))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            String digest = "sha256:" + HexFormat.of().formatHex(Fixtures.sha256Bytes(manifest.body()));
            assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(digest);
            assertThat(list.get(0).path("manifest_digest").asText()).isEqualTo(digest);
        }
    }

    private static int setSlackTopic(String chat, String topic) throws Exception {
        return send(
                        "POST",
                        chat + PackitChatScenario.SET_TOPIC,
                        JSON.writeValueAsString(java.util.Map.of("channel", "C0123456789", "topic", topic)))
                .statusCode();
    }

    private static String topic(String topic) throws Exception {
        return JSON.writeValueAsString(java.util.Map.of("topic", topic));
    }

    private static String commit(String url) throws Exception {
        HttpResponse<String> r = send("GET", url, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).path("packit_service").path("commit").asText();
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + PackitChatScenario.MATRIX_TOKEN)
                .header("Accept", "application/vnd.github.sha");
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as(new String(p.getInputStream().readAllBytes()))
                .isZero();
    }
}
