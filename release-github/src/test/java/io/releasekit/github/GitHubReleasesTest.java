package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.releasekit.core.ConflictException;
import io.releasekit.core.host.CreatedRelease;
import io.releasekit.core.host.NextReleaseNumber;
import io.releasekit.core.host.Release;
import io.releasekit.core.host.ReleaseChange;
import io.releasekit.core.host.ReleaseEdit;
import io.releasekit.core.host.ReleaseSpec;
import io.releasekit.core.host.Releases;
import io.releasekit.core.service.ServiceGuards;
import io.releasekit.core.version.Bump;
import io.releasekit.core.version.TagScheme;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubReleasesTest {

    static final String SHA = "3f786850e387550fdab836ed7e6dc881de23001b";

    final FakeGitHub github = new FakeGitHub().withRepository();
    final GitHubReleaseHost host = github.connection().repository(FakeGitHub.OWNER, FakeGitHub.REPO);

    @AfterEach
    void stop() {
        github.close();
    }

    void releasesInThreePages() {
        String path = PATH + "/releases?per_page=100";
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .withQueryParam("page", WireMock.absent())
                        .willReturn(github(200)
                                .withHeader("Link", github.link(path, 2, 3))
                                .withBody(array(List.of(
                                        github.release(105, "release-0.2.0-rc.1", true, "", "main"),
                                        github.release(104, "release-0.1.1", false, "Fixes.", "main"))))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .withQueryParam("page", equalTo("2"))
                        .willReturn(github(200)
                                .withHeader("Link", github.link(path, 3, 3))
                                .withBody(array(List.of(github.release(103, "release-0.1.0", false, "", "main"))))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .withQueryParam("page", equalTo("3"))
                        .willReturn(github(200)
                                .withBody(array(List.of(github.release(101, "v0.0.9", false, "", "main"))))));
    }

    @Test
    void listsReleasesAcrossThreeLinkedPages() {
        releasesInThreePages();

        List<Release> releases = host.releases();

        assertThat(releases)
                .extracting(Release::tag)
                .containsExactly("release-0.2.0-rc.1", "release-0.1.1", "release-0.1.0", "v0.0.9");
        assertThat(releases.get(0).draft()).isTrue();
        assertThat(releases.get(1).body()).isEqualTo("Fixes.");
        assertThat(releases.get(1).publishedAt()).isPresent();
        github.server()
                .verify(
                        1,
                        WireMock.getRequestedFor(urlPathEqualTo(PATH + "/releases"))
                                .withHeader("Authorization", equalTo("Bearer ghp_testtoken123"))
                                .withQueryParam("page", equalTo("3")));
    }

    @Test
    void numbersTheNextReleaseOfSeed001FromTagsAndReleases() {
        releasesInThreePages();
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/tags"))
                        .willReturn(github(200)
                                .withBody("[{\"name\": \"release-0.1.0\", \"zipball_url\": \"x\","
                                        + " \"commit\": {\"sha\": \"" + SHA
                                        + "\", \"url\": \"x\"}, \"node_id\": \"REF_1\"}]")));

        NextReleaseNumber next =
                new Releases(host, ServiceGuards.withDefaults()).next(TagScheme.of("release-"), Bump.PATCH);

        assertThat(next.previousTag()).contains("release-0.1.1");
        assertThat(next.tag()).isEqualTo("release-0.1.2");
    }

    @Test
    void findsAPublishedReleaseByTagAndADraftByScanningTheList() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.1"))
                        .willReturn(github(200).withBody(github.release(104, "release-0.1.1", false, "", "main"))));
        github.server()
                .stubFor(
                        get(urlPathEqualTo(PATH + "/releases/tags/release-0.2.0-rc.1"))
                                .willReturn(
                                        github(404)
                                                .withBody(
                                                        "{\"message\":\"Not Found\",\"documentation_url\":"
                                                                + "\"https://docs.github.com/rest/releases/releases#get-a-release-by-tag-name\",\"status\":\"404\"}")));
        releasesInThreePages();

        assertThat(host.findRelease("release-0.1.1")).map(Release::id).contains(104L);
        assertThat(host.findRelease("release-0.2.0-rc.1")).map(Release::draft).contains(true);
    }

    @Test
    void createsADraftAtACommitWithNotes() {
        noReleaseFor("release-0.1.2");
        github.server()
                .stubFor(post(urlPathEqualTo(PATH + "/releases"))
                        .willReturn(github(201).withBody(github.release(106, "release-0.1.2", true, "## Notes", SHA))));

        CreatedRelease created = host.createRelease(
                ReleaseSpec.draft("release-0.1.2").withTarget(SHA).withBody("## Notes"));

        assertThat(created.created()).isTrue();
        assertThat(created.release().target()).isEqualTo(SHA);
        github.server()
                .verify(postRequestedFor(urlPathEqualTo(PATH + "/releases"))
                        .withRequestBody(equalToJson("{\"tag_name\": \"release-0.1.2\", \"name\": \"release-0.1.2\","
                                + " \"draft\": true, \"prerelease\": false, \"body\": \"## Notes\","
                                + " \"target_commitish\": \"" + SHA + "\"}")));
    }

    @Test
    void returnsTheExistingReleaseInsteadOfCreatingASecond() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.1"))
                        .willReturn(
                                github(200).withBody(github.release(104, "release-0.1.1", false, "Fixes.", "main"))));

        CreatedRelease again =
                host.createRelease(ReleaseSpec.draft("release-0.1.1").withBody("Fixes.\n"));

        assertThat(again.created()).isFalse();
        assertThat(again.release().id()).isEqualTo(104);
        github.server().verify(0, postRequestedFor(urlPathEqualTo(PATH + "/releases")));
    }

    @Test
    void refusesAnExistingReleaseWithOtherContent() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.1"))
                        .willReturn(
                                github(200).withBody(github.release(104, "release-0.1.1", false, "Fixes.", "main"))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/commits/release-0.1.1"))
                        .willReturn(github(200).withBody("1111111111111111111111111111111111111111")));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/commits/" + SHA))
                        .willReturn(github(200).withBody(SHA)));

        assertThatThrownBy(() -> host.createRelease(ReleaseSpec.draft("release-0.1.1")
                        .withBody("Other notes")
                        .withTarget(SHA)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("release-0.1.1")
                .hasMessageContaining("notes differ")
                .hasMessageContaining("target is 'main', asked for '" + SHA + "'");
        github.server().verify(0, postRequestedFor(urlPathEqualTo(PATH + "/releases")));
    }

    @Test
    void acceptsTheSameReleaseCreatedConcurrentlyAfterA422() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.2"))
                        .inScenario("race")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(github(404).withBody("{\"message\":\"Not Found\"}")));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .inScenario("race")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(github(200).withBody("[]")));
        github.server()
                .stubFor(post(urlPathEqualTo(PATH + "/releases"))
                        .inScenario("race")
                        .willSetStateTo("created elsewhere")
                        .willReturn(github(422)
                                .withBody("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":"
                                        + "\"Release\",\"code\":\"already_exists\",\"field\":\"tag_name\"}],"
                                        + "\"documentation_url\":\"https://docs.github.com/rest/releases/releases#create-a-release\","
                                        + "\"status\":\"422\"}")));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.2"))
                        .inScenario("race")
                        .whenScenarioStateIs("created elsewhere")
                        .willReturn(github(200).withBody(github.release(107, "release-0.1.2", false, "", "main"))));

        CreatedRelease r = host.createRelease(ReleaseSpec.draft("release-0.1.2"));

        assertThat(r.created()).isFalse();
        assertThat(r.release().id()).isEqualTo(107);
    }

    @Test
    void publishesADraftWithItsNotesInOneEdit() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106"))
                        .willReturn(github(200).withBody(github.release(106, "release-0.1.2", true, "", SHA))));
        github.server()
                .stubFor(patch(urlPathEqualTo(PATH + "/releases/106"))
                        .willReturn(
                                github(200).withBody(github.release(106, "release-0.1.2", false, "## Notes", SHA))));

        Release published = host.editRelease(106, ReleaseEdit.body("## Notes").withDraft(false));

        assertThat(published.draft()).isFalse();
        github.server()
                .verify(patchRequestedFor(urlPathEqualTo(PATH + "/releases/106"))
                        .withRequestBody(equalToJson("{\"body\": \"## Notes\", \"draft\": false}")));
    }

    @Test
    void deletesADraftThroughTheFacadeButRefusesAPublishedRelease() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.2"))
                        .willReturn(github(404).withBody("{\"message\":\"Not Found\"}")));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .willReturn(github(200)
                                .withBody(array(List.of(github.release(106, "release-0.1.2", true, "", SHA))))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106"))
                        .willReturn(github(200).withBody(github.release(106, "release-0.1.2", true, "", SHA))));
        github.server()
                .stubFor(WireMock.delete(urlPathEqualTo(PATH + "/releases/106")).willReturn(github(204)));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/release-0.1.1"))
                        .willReturn(github(200).withBody(github.release(104, "release-0.1.1", false, "", "main"))));
        Releases releases = new Releases(host, ServiceGuards.withDefaults());

        ReleaseChange deleted = releases.deleteDraft("release-0.1.2", false);

        assertThat(deleted.change()).isEqualTo(ReleaseChange.Change.DELETED);
        github.server().verify(1, deleteRequestedFor(urlPathEqualTo(PATH + "/releases/106")));
        assertThatThrownBy(() -> releases.deleteDraft("release-0.1.1", false))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("published");
    }

    void noReleaseFor(String tag) {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/" + tag))
                        .willReturn(github(404).withBody("{\"message\":\"Not Found\"}")));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .willReturn(github(200).withBody("[]")));
    }
}
