package io.releasekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.releasekit.api.security.TokenHash;
import io.releasekit.client.api.RepositoriesApi;
import io.releasekit.client.invoker.ApiClient;
import io.releasekit.client.invoker.ApiException;
import io.releasekit.client.model.LazyBranchRequest;
import io.releasekit.client.model.Repository;
import io.releasekit.client.model.TagRequest;
import io.releasekit.client.model.TagResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository operations through the generated client, against the running service and a real repository. */
class RepositoriesClientTest {

    private static final String CI_TOKEN = "rk_client_test_repo_ci";
    private static final String READER_TOKEN = "rk_client_test_repo_reader";

    @TempDir
    static Path dir;

    private static EmbeddedServer server;
    private static String released;
    private static String head;

    @BeforeAll
    static void start() throws Exception {
        Path work = dir.resolve("component");
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            PersonIdent dev = new PersonIdent("Dev", "dev@example.com");
            Files.writeString(work.resolve("VERSION"), "2.0.0\n");
            git.add().addFilepattern("VERSION").call();
            git.commit().setMessage("start").setAuthor(dev).setCommitter(dev).call();
            Files.writeString(work.resolve("VERSION"), "2.1.0\n");
            git.add().addFilepattern("VERSION").call();
            released = git.commit()
                    .setMessage("2.1.0")
                    .setAuthor(dev)
                    .setCommitter(dev)
                    .call()
                    .name();
            Files.writeString(work.resolve("VERSION"), "2.2.0-dev\n");
            git.add().addFilepattern("VERSION").call();
            RevCommit last = git.commit()
                    .setMessage("2.2.0-dev")
                    .setAuthor(dev)
                    .setCommitter(dev)
                    .call();
            head = last.name();
        }
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "releasekit.data-dir",
                        dir.resolve("data").toString(),
                        "releasekit.repositories.component.path",
                        work.toString(),
                        "releasekit.security.tokens[0].name",
                        "portal",
                        "releasekit.security.tokens[0].sha256",
                        TokenHash.sha256Hex(CI_TOKEN),
                        "releasekit.security.tokens[0].roles",
                        "ci",
                        "releasekit.security.tokens[1].name",
                        "dashboard",
                        "releasekit.security.tokens[1].sha256",
                        TokenHash.sha256Hex(READER_TOKEN),
                        "releasekit.security.tokens[1].roles",
                        "reader"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static RepositoriesApi api(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(server.getURI().toString());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return new RepositoriesApi(client);
    }

    @Test
    void tagsAndBranchesLazilyThroughTheGeneratedClient() throws ApiException {
        RepositoriesApi repositories = api(CI_TOKEN);

        List<Repository> list = repositories.listRepositories();
        TagResult dry = repositories.createTag(
                "component",
                new TagRequest().tag("v2.2.0").target("main").message("Release").dryRun(true));
        TagResult created = repositories.createTag(
                "component", new TagRequest().tag("v2.2.0").target("main"));
        var branch = repositories.createLazyBranch(
                "component", new LazyBranchRequest().branch("release-2.1").version("2.1.0"));

        assertThat(list).extracting(Repository::getName).containsExactly("component");
        assertThat(dry.getOutcome()).isEqualTo("created");
        assertThat(dry.getDryRun()).isTrue();
        assertThat(created.getCommit()).isEqualTo(head);
        assertThat(branch.getCommit()).isEqualTo(released);
        assertThat(repositories.resolveRef("component", "release-2.1").getCommit())
                .isEqualTo(released);
    }

    @Test
    void aReaderMayReadButNotWrite() throws ApiException {
        RepositoriesApi reader = api(READER_TOKEN);

        assertThat(reader.readVersionFile("component", "main").getVersion()).isEqualTo("2.2.0-dev");
        assertThatThrownBy(() ->
                        reader.createTag("component", new TagRequest().tag("v0").target("main")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
}
