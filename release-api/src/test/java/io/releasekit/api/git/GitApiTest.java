package io.releasekit.api.git;

import static io.releasekit.git.testkit.GitCli.git;
import static io.releasekit.git.testkit.GitCli.isAncestor;
import static io.releasekit.git.testkit.GitCli.revParse;
import static io.releasekit.git.testkit.GitCli.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.git.testkit.GitCli;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The repository endpoints through the running application, on a clone of a repository served over HTTP. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitApiTest implements TestPropertyProvider {

    GitApiFixture fixture;

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    List<ProcessDefinition> processes;

    @Override
    public Map<String, String> getProperties() {
        fixture = new GitApiFixture();
        return fixture.properties();
    }

    @AfterAll
    void cleanUp() throws Exception {
        fixture.close();
    }

    @Test
    void listsTheConfiguredRepositoriesWithoutPathsOrUrls() {
        String body = client.toBlocking().retrieve("/api/v1/repositories");

        assertThat(body).doesNotContain("http://").doesNotContain(fixture.root.toString());
        List<Map<String, Object>> list = client.toBlocking()
                .retrieve(
                        HttpRequest.GET("/api/v1/repositories"),
                        Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertThat(list).extracting(r -> r.get("name")).containsExactly("broken", "charts", "local");
        assertThat(list.get(1))
                .containsEntry("name", "charts")
                .containsEntry("remoteName", "origin")
                .containsEntry("versionFile", "VERSION");
        assertThat(list.get(2)).containsEntry("name", "local").doesNotContainKey("remoteName");
    }

    @Test
    void aFetchFromAnUnreachableRemoteIsA503ProblemAfterItsRetriesNotA500() throws Exception {
        // given: a remote that refuses connections; every attempt of the guard fails with a retryable error, and each
        // retry needs a new (single-use) fetch command
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        git(fixture.local.dir(), "remote", "add", "gone", "http://127.0.0.1:" + closedPort + "/gone.git");

        // when / then
        assertThatThrownBy(() -> post("/api/v1/repositories/local/fetch", Map.of("remote", "gone")))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(503);
                    Map<?, ?> problem = e.getResponse().getBody(Map.class).orElseThrow();
                    assertThat(problem.get("type")).isEqualTo("https://releasekit.io/problems/service-unavailable");
                    assertThat(String.valueOf(problem.get("detail")))
                            .contains("gone")
                            .doesNotContain("can be called only once");
                });
    }

    @Test
    void resolvesRefsAndReadsVersions() {
        assertThat(get("/api/v1/repositories/charts/resolve?ref=main")).containsEntry("commit", fixture.fix);
        assertThat(get("/api/v1/repositories/charts/version?ref=stable")).containsEntry("version", "2.1.0");
        assertThat(get("/api/v1/repositories/charts/version-commit?version=2.1.0&from=main"))
                .containsEntry("commit", fixture.release)
                .containsEntry("commitsExamined", 4);
    }

    @Test
    void listsTagsWithTheirCommitsSortedBySemVerPrecedenceWithAPrefix() {
        Path work = fixture.chartsWork;
        // the working clone of 'charts' exists once the repository was used
        assertThat(get("/api/v1/repositories/charts/resolve?ref=main")).containsEntry("commit", fixture.fix);
        git(work, "tag", "list-1.10.0", fixture.fix);
        git(
                work,
                "-c",
                "user.name=T",
                "-c",
                "user.email=t@example.org",
                "tag",
                "-a",
                "-m",
                "1.2.0",
                "list-1.2.0",
                fixture.release);
        git(work, "tag", "list-1.2.0-rc.1", fixture.release);
        git(work, "tag", "list-v1.9.0", fixture.fix);
        git(work, "tag", "list-nightly", fixture.fix);

        List<Map<String, Object>> tags = client.toBlocking()
                .retrieve(
                        HttpRequest.GET("/api/v1/repositories/charts/tags?prefix=list-"),
                        Argument.listOf(Argument.mapOf(String.class, Object.class)));

        assertThat(tags)
                .extracting(t -> t.get("name"))
                .containsExactly("list-1.2.0-rc.1", "list-1.2.0", "list-v1.9.0", "list-1.10.0", "list-nightly");
        assertThat(tags.get(1))
                .containsEntry("commit", revParse(work, "list-1.2.0^{commit}"))
                .containsEntry("commit", fixture.release)
                .containsEntry("annotated", true);
        assertThat(tags.get(3))
                .containsEntry("commit", revParse(work, "list-1.10.0"))
                .containsEntry("annotated", false);
        assertThat(client.toBlocking()
                        .retrieve(
                                HttpRequest.GET("/api/v1/repositories/charts/tags"),
                                Argument.listOf(Argument.mapOf(String.class, Object.class))))
                .extracting(t -> t.get("name"))
                .contains("list-1.2.0", "list-nightly");
        assertThat(client.toBlocking()
                        .retrieve(
                                HttpRequest.GET("/api/v1/repositories/charts/tags?prefix=none-such-"),
                                Argument.listOf(Argument.mapOf(String.class, Object.class))))
                .isEmpty();
        assertThatThrownBy(() -> get("/api/v1/repositories/nope/tags"))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(404);
                    assertThat(String.valueOf(e.getResponse()
                                    .getBody(Map.class)
                                    .orElseThrow()
                                    .get("detail")))
                            .contains("nope");
                });
    }

    @Test
    void tagsInADryRunThenForRealAndNeverMovesATag() {
        Map<String, String> before = fixture.allRefs();
        Map<String, Object> dry = post(
                "/api/v1/repositories/charts/tags",
                Map.of("tag", "v2.2.0", "target", "main", "message", "Release 2.2.0", "dryRun", true));
        assertThat(dry).containsEntry("outcome", "created").containsEntry("dryRun", true);
        assertThat(fixture.allRefs()).isEqualTo(before);

        Map<String, Object> created = post(
                "/api/v1/repositories/charts/tags",
                Map.of("tag", "v2.2.0", "target", "main", "message", "Release 2.2.0"));
        assertThat(created)
                .containsEntry("outcome", "created")
                .containsEntry("annotated", true)
                .containsEntry("commit", fixture.fix);
        assertThat(revParse(fixture.chartsWork, "v2.2.0^{commit}")).isEqualTo(fixture.fix);
        assertThat(post("/api/v1/repositories/charts/tags", Map.of("tag", "v2.2.0", "target", "main")))
                .containsEntry("outcome", "already-exists");
        assertThatThrownBy(() ->
                        post("/api/v1/repositories/charts/tags", Map.of("tag", "v2.2.0", "target", fixture.release)))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getResponse().getBody(Map.class).orElseThrow().get("type"))
                            .isEqualTo("https://releasekit.io/problems/conflict");
                });
    }

    @Test
    void seed003LazyBranchCherryPickWithPatchBumpAndPush() {
        Map<String, Object> branch = post(
                "/api/v1/repositories/charts/branches/lazy",
                Map.of("branch", "aether-2.1", "version", "2.1.0", "from", "main"));
        assertThat(branch).containsEntry("outcome", "created").containsEntry("commit", fixture.release);

        Map<String, Object> pick = post(
                "/api/v1/repositories/charts/cherry-picks",
                Map.of("branch", "aether-2.1", "commits", List.of(fixture.fix), "bumpPatch", true));
        assertThat(pick)
                .containsEntry("outcome", "picked")
                .containsEntry("oldHead", fixture.release)
                .containsEntry("versionFrom", "2.1.0")
                .containsEntry("versionTo", "2.1.1");

        Map<String, Object> push = post("/api/v1/repositories/charts/push", Map.of("refs", List.of("aether-2.1")));
        assertThat(push.get("refs").toString()).contains("outcome=pushed");
        assertThat(revParse(fixture.origin.dir(), "refs/heads/aether-2.1")).isEqualTo(pick.get("newHead"));
        assertThat(show(fixture.origin.dir(), "aether-2.1", "VERSION")).isEqualTo("2.1.1");
        assertThat(git(fixture.origin.dir(), "show", "--stat", "--format=%B", "aether-2.1"))
                .contains("(cherry picked from commit " + fixture.fix + ")")
                .contains("VERSION")
                .contains("2 files changed");
        assertThat(git(fixture.origin.dir(), "rev-parse", "aether-2.1~1")).isEqualTo(fixture.release);
        assertThat(post(
                        "/api/v1/repositories/charts/cherry-picks",
                        Map.of("branch", "aether-2.1", "commits", List.of(fixture.fix))))
                .containsEntry("outcome", "already-applied");
    }

    @Test
    void seed004MovesStableFastForwardOnlyAndForcesWhenAsked() {
        fixture.origin.commit("stable", "production hotfix", "hot.txt", "h\n");
        post("/api/v1/repositories/charts/fetch", Map.of());

        Map<String, Object> rejected =
                post("/api/v1/repositories/charts/branches/move", Map.of("branch", "stable", "to", "main"));
        assertThat(rejected).containsEntry("outcome", "rejected");
        assertThat(rejected.get("reason").toString()).contains("not a fast-forward");

        Map<String, Object> forced = post(
                "/api/v1/repositories/charts/branches/move", Map.of("branch", "stable", "to", "main", "force", true));
        assertThat(forced).containsEntry("outcome", "forced").containsEntry("newId", fixture.fix);

        assertThatThrownBy(() -> post("/api/v1/repositories/charts/push", Map.of("refs", List.of("stable"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getResponse()
                                    .getBody(Map.class)
                                    .orElseThrow()
                                    .get("detail")
                                    .toString())
                            .contains("refs/heads/stable on 'origin'")
                            .contains("not a fast-forward");
                });
        post("/api/v1/repositories/charts/push", Map.of("refs", List.of("stable"), "force", true));
        assertThat(revParse(fixture.origin.dir(), "refs/heads/stable")).isEqualTo(fixture.fix);
    }

    @Test
    void aFetchOwningABranchResetsItAfterARefusedPushAndListsTheDroppedCommit() {
        fixture.origin.branch("own-2.1", fixture.release);
        fixture.origin.commit("own-2.1", "Notes for the line", "NOTES", "2.1\n");
        post("/api/v1/repositories/charts/fetch", Map.of());
        Map<String, Object> pick = post(
                "/api/v1/repositories/charts/cherry-picks",
                Map.of("branch", "own-2.1", "commits", List.of(fixture.fix), "bumpPatch", true));
        String ours = (String) pick.get("newHead");
        // someone pushes to the branch between our pick and our push: the push is refused
        String theirs = fixture.origin.commit("own-2.1", "Backport the docs", "README", "docs\n");
        assertThatThrownBy(() -> post("/api/v1/repositories/charts/push", Map.of("refs", List.of("own-2.1"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> assertThat(e.code())
                        .isEqualTo(409));

        Map<String, Object> resetChange = Map.of(
                "ref", "refs/heads/own-2.1", "kind", "reset", "oldId", ours, "newId", theirs, "dropped", List.of(ours));
        // a dry run fetches the server's objects, moves no ref, and says what the fetch would drop
        Map<String, String> before = GitCli.refs(fixture.chartsWork);
        Map<String, Object> dry =
                post("/api/v1/repositories/charts/fetch", Map.of("own", List.of("own-2.1"), "dryRun", true));
        assertThat(dry).containsEntry("dryRun", true).doesNotContainKey("undetermined");
        assertThat(changes(dry)).contains(resetChange);
        assertThat(git(fixture.chartsWork, "rev-parse", "refs/heads/own-2.1")).isEqualTo(ours);
        assertThat(GitCli.refs(fixture.chartsWork)).isEqualTo(before);

        Map<String, Object> fetched = post("/api/v1/repositories/charts/fetch", Map.of("own", List.of("own-2.1")));

        assertThat(fetched).containsEntry("dryRun", false);
        assertThat(changes(fetched)).contains(resetChange);
        assertThat(revParse(fixture.chartsWork, "refs/heads/own-2.1")).isEqualTo(theirs);
    }

    @Test
    void aFetchOwningABranchRefusesToDropSomeoneElsesCommitAndChangesNothing() {
        fixture.origin.branch("own-2.0", fixture.release);
        post("/api/v1/repositories/charts/fetch", Map.of());
        Path work = fixture.chartsWork;
        String mine = git(
                work,
                "-c",
                "user.name=Jane Dev",
                "-c",
                "user.email=jane@example.com",
                "commit-tree",
                "own-2.0^{tree}",
                "-p",
                "own-2.0",
                "-m",
                "work in the clone");
        git(work, "update-ref", "refs/heads/own-2.0", mine);
        fixture.origin.commit("own-2.0", "Backport the docs", "README", "docs\n");
        Map<String, String> before = localBranchesAndTags(work);

        assertThatThrownBy(() -> post("/api/v1/repositories/charts/fetch", Map.of("own", List.of("own-2.0"))))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getResponse()
                                    .getBody(Map.class)
                                    .orElseThrow()
                                    .get("detail")
                                    .toString())
                            .contains(mine.substring(0, 12))
                            .contains("Jane Dev <jane@example.com>");
                });
        assertThat(revParse(work, "refs/heads/own-2.0")).isEqualTo(mine);
        assertThat(localBranchesAndTags(work)).isEqualTo(before); // tracking refs follow the remote, nothing else
    }

    @Test
    void seed002SyncsDevelopmentAndHotfixWithMain() {
        Map<String, Object> sync = post(
                "/api/v1/repositories/charts/branches/sync",
                Map.of("source", "main", "targets", List.of("development", "security/hotfix")));

        assertThat(sync.get("targets").toString()).contains("outcome=fast-forwarded");
        post("/api/v1/repositories/charts/push", Map.of("refs", List.of("development", "security/hotfix")));
        assertThat(isAncestor(fixture.origin.dir(), fixture.fix, "development")).isTrue();
        assertThat(isAncestor(fixture.origin.dir(), fixture.fix, "security/hotfix"))
                .isTrue();
    }

    @Test
    void commitsAVersionBumpOnABranch() {
        post("/api/v1/repositories/local/branches", Map.of("branch", "bump", "target", "main"));

        Map<String, Object> commit =
                post("/api/v1/repositories/local/version", Map.of("branch", "bump", "version", "1.1.0-dev"));

        assertThat(commit).containsEntry("outcome", "committed").containsEntry("path", "VERSION");
        assertThat(show(fixture.local.dir(), "bump", "VERSION")).isEqualTo("1.1.0-dev");
        assertThat(GitCli.catFile(fixture.local.dir(), "bump")).contains("committer releasekit <releasekit@localhost>");
        assertThat(post("/api/v1/repositories/local/version", Map.of("branch", "bump", "version", "1.1.0-dev")))
                .containsEntry("outcome", "unchanged");
    }

    @Test
    void exposesTheGitProcessKindsAndTheOpenApiPaths() {
        assertThat(processes)
                .extracting(ProcessDefinition::kind)
                .contains("git.tag", "git.lazy-branch", "git.cherry-pick", "git.move-branch", "git.sync-branches");
        String yaml = client.toBlocking().retrieve("/swagger/releasekit-0.1.yml");
        assertThat(yaml)
                .contains("/api/v1/repositories:")
                .contains("/api/v1/repositories/{name}/tags:")
                .contains("operationId: listTags")
                .contains("/api/v1/repositories/{name}/branches/lazy:")
                .contains("/api/v1/repositories/{name}/cherry-picks:")
                .contains("/api/v1/repositories/{name}/branches/move:")
                .contains("/api/v1/repositories/{name}/push:")
                .contains("/api/v1/repositories/{name}/fetch:")
                .contains("FetchRequest:")
                .contains("own:")
                .contains("dropped:");
    }

    private static Map<String, String> localBranchesAndTags(Path dir) {
        Map<String, String> refs = new TreeMap<>(GitCli.refs(dir));
        refs.keySet().removeIf(r -> r.startsWith("refs/remotes/"));
        return refs;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> changes(Map<String, Object> fetch) {
        return (List<Map<String, Object>>) fetch.get("changes");
    }

    private Map<String, Object> get(String uri) {
        return client.toBlocking().retrieve(HttpRequest.GET(uri), Argument.mapOf(String.class, Object.class));
    }

    private Map<String, Object> post(String uri, Map<String, Object> body) {
        return client.toBlocking()
                .retrieve(
                        HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON),
                        Argument.mapOf(String.class, Object.class));
    }
}
