package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static io.releasekit.github.FakeGitHub.quote;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Seed 001's GitHub, played by {@link FakeGitHub}: the CloudFormation community registry before and after its
 * release {@value #TAG} (main, tags and releases up to release-0.1.1, the two pull requests merged since, the draft,
 * the publication, the source zip behind GitHub's redirect to codeload). Shared by release-api's REST test of the seed
 * and release-processes' plain-Java one.
 */
public final class RegistryReleaseScenario {

    /** The commit of main that is released. */
    public static final String MAIN_SHA = "3f786850e387550fdab836ed7e6dc881de23001b";
    /** The commit of the previous release, release-0.1.1. */
    public static final String OLD_SHA = "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d";
    /** The release the scenario creates. */
    public static final String TAG = "release-0.1.2";
    /** The WireMock scenario of the release's states (started, draft, published). */
    public static final String RELEASE_SCENARIO = "release-0.1.2";
    /** Where GitHub's zipball redirect points. */
    public static final String CODELOAD =
            "/codeload/aws-cloudformation/community-registry-extensions/legacy.zip/refs/tags/";

    private final FakeGitHub gh;
    private final byte[] zip = sourceZip();

    /** The scenario on {@code gh}. */
    public RegistryReleaseScenario(FakeGitHub gh) {
        this.gh = gh;
    }

    /** The source zip GitHub serves for the release. */
    public byte[] zip() {
        return zip.clone();
    }

    /** main, the tags and releases up to release-0.1.1, and the two pull requests merged since. */
    public void stubRepositoryBeforeTheRelease() {
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/commits/main"))
                        .willReturn(github(200).withBody(MAIN_SHA)));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/commits/" + MAIN_SHA))
                        .willReturn(github(200).withBody(MAIN_SHA)));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/tags"))
                        .inScenario(RELEASE_SCENARIO)
                        .willReturn(github(200)
                                .withBody(array(List.of(
                                        tag("release-0.1.1", OLD_SHA), tag("release-0.1.0", "1".repeat(40)))))));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/" + TAG))
                        .inScenario(RELEASE_SCENARIO)
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(notFound()));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/" + TAG))
                        .inScenario(RELEASE_SCENARIO)
                        .whenScenarioStateIs("draft")
                        .willReturn(notFound())); // GitHub's release-by-tag does not show drafts
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .inScenario(RELEASE_SCENARIO)
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(github(200).withBody(array(List.of(previousRelease())))));
        gh.server()
                .stubFor(post(urlPathEqualTo(PATH + "/releases"))
                        .inScenario(RELEASE_SCENARIO)
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willSetStateTo("draft")
                        .willReturn(github(201).withBody(gh.release(106, TAG, true, "", MAIN_SHA))));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .inScenario(RELEASE_SCENARIO)
                        .whenScenarioStateIs("draft")
                        .willReturn(github(200)
                                .withBody(
                                        array(List.of(gh.release(106, TAG, true, "", MAIN_SHA), previousRelease())))));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106"))
                        .inScenario(RELEASE_SCENARIO)
                        .whenScenarioStateIs("draft")
                        .willReturn(github(200).withBody(gh.release(106, TAG, true, "", MAIN_SHA))));
        gh.server()
                .stubFor(patch(urlPathEqualTo(PATH + "/releases/106"))
                        .inScenario(RELEASE_SCENARIO)
                        .whenScenarioStateIs("draft")
                        .willSetStateTo("published")
                        .willReturn(github(200).withBody(gh.release(106, TAG, false, "(notes)", MAIN_SHA))));
        // the notes: a merge commit and a squash commit since release-0.1.1
        String c1 = "a1".repeat(20), c2 = "b2".repeat(20);
        gh.server()
                .stubFor(get(urlPathMatching(PATH + "/compare/release-0\\.1\\.1\\.\\.\\." + MAIN_SHA))
                        .willReturn(github(200)
                                .withBody(compare(List.of(
                                        commit(c1, "Merge pull request #101 from dev101/time-offset\n\nTime offset"),
                                        commit(c2, "Fix DeleteBucketContents on empty buckets (#102)"))))));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/pulls/101"))
                        .willReturn(github(200)
                                .withBody(gh.pull(
                                        101,
                                        "Add AwsCommunity::Time::Offset",
                                        "Adds the resource.\r\n\r\nRELEASE NOTES BEGIN\r\nNew `AwsCommunity::Time::Offset`"
                                                + " resource type.\r\nRELEASE NOTES END\r\n",
                                        "2025-11-18T12:00:00Z",
                                        "enhancement"))));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/pulls/102"))
                        .willReturn(github(200)
                                .withBody(gh.pull(
                                        102,
                                        "Fix `AwsCommunity::S3::DeleteBucketContents` on empty buckets",
                                        "",
                                        "2025-11-19T09:00:00Z",
                                        "bug"))));
    }

    /** The release as published: by tag, in the list, by id; the tag now exists. */
    public void stubPublished(String notes) {
        String release = gh.release(106, TAG, false, notes, MAIN_SHA);
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/tags/" + TAG))
                        .willReturn(github(200).withBody(release)));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases"))
                        .willReturn(github(200).withBody(array(List.of(release, previousRelease())))));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106"))
                        .willReturn(github(200).withBody(release)));
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/tags"))
                        .willReturn(github(200)
                                .withBody(array(List.of(
                                        tag(TAG, MAIN_SHA),
                                        tag("release-0.1.1", OLD_SHA),
                                        tag("release-0.1.0", "1".repeat(40)))))));
    }

    /** GitHub's zipball endpoint redirects to codeload, which serves the archive. */
    public void stubSourceZip() {
        gh.server()
                .stubFor(get(urlPathEqualTo(PATH + "/zipball/" + TAG))
                        .willReturn(aResponse().withStatus(302).withHeader("Location", gh.base() + CODELOAD + TAG)));
        gh.server().stubFor(get(urlPathEqualTo(CODELOAD + TAG)).willReturn(zipResponse()));
    }

    /** The source zip as codeload serves it. */
    public com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder zipResponse() {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/zip")
                .withHeader(
                        "Content-Disposition",
                        "attachment; filename=aws-cloudformation-community-registry-extensions-release-0.1.2-0-g3f78685.zip")
                .withBody(zip);
    }

    /** release-0.1.1 as GitHub shows it. */
    public String previousRelease() {
        return gh.release(104, "release-0.1.1", false, "## What's Changed\n\n- Okta resources.\n", OLD_SHA);
    }

    /** GitHub's 404 for a release that does not exist. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder notFound() {
        return github(404)
                .withBody(
                        "{\"message\": \"Not Found\", \"documentation_url\":"
                                + " \"https://docs.github.com/rest/releases/releases#get-a-release-by-tag-name\", \"status\": \"404\"}");
    }

    /** A tag as GitHub lists it. */
    public String tag(String name, String sha) {
        return "{\"name\": " + quote(name) + ", \"zipball_url\": \"" + gh.base() + PATH + "/zipball/refs/tags/" + name
                + "\", \"tarball_url\": \"" + gh.base() + PATH + "/tarball/refs/tags/" + name
                + "\", \"commit\": {\"sha\": \""
                + sha + "\", \"url\": \"" + gh.base() + PATH + "/commits/" + sha + "\"}, \"node_id\": \"REF_kwDOGBNx3q"
                + name.hashCode() + "\"}";
    }

    /** A commit as GitHub shows it in a comparison. */
    public String commit(String sha, String message) {
        return "{\"sha\": \"" + sha + "\", \"node_id\": \"C_kwDOGBNx3toAKD" + sha.substring(0, 6) + "\","
                + " \"commit\": {\"author\": {\"name\": \"Dev\", \"email\": \"dev@example.org\","
                + " \"date\": \"2025-11-19T10:00:00Z\"}, \"committer\": {\"name\": \"GitHub\","
                + " \"email\": \"noreply@github.com\", \"date\": \"2025-11-19T10:00:00Z\"},"
                + " \"message\": " + quote(message) + ", \"tree\": {\"sha\": \"" + sha + "\", \"url\": \"x\"},"
                + " \"url\": \"" + gh.base() + PATH + "/git/commits/" + sha + "\", \"comment_count\": 0},"
                + " \"url\": \"" + gh.base() + PATH + "/commits/" + sha + "\","
                + " \"html_url\": \"https://github.com/" + FakeGitHub.OWNER + "/" + FakeGitHub.REPO + "/commit/" + sha
                + "\", \"parents\": [{\"sha\": \"" + OLD_SHA + "\", \"url\": \"x\", \"html_url\": \"x\"}]}";
    }

    /** The comparison of release-0.1.1 with main holding these commits. */
    public String compare(List<String> commits) {
        String range = "release-0.1.1..." + MAIN_SHA;
        return "{\"url\": \"" + gh.base() + PATH + "/compare/" + range + "\","
                + " \"html_url\": \"https://github.com/" + FakeGitHub.OWNER + "/" + FakeGitHub.REPO + "/compare/"
                + range + "\", \"permalink_url\": \"https://github.com/x/y/compare/x:1...x:2\","
                + " \"diff_url\": \"https://github.com/x/y/compare/" + range + ".diff\","
                + " \"patch_url\": \"https://github.com/x/y/compare/" + range + ".patch\","
                + " \"base_commit\": " + commit(OLD_SHA, "Release 0.1.1") + ","
                + " \"merge_base_commit\": " + commit(OLD_SHA, "Release 0.1.1") + ","
                + " \"status\": \"ahead\", \"ahead_by\": " + commits.size() + ", \"behind_by\": 0, \"total_commits\": "
                + commits.size() + ", \"commits\": " + array(commits) + ", \"files\": []}";
    }

    /** A real zip like GitHub's source archive: one top directory named after the repository and commit. */
    public static byte[] sourceZip() {
        String top = "aws-cloudformation-community-registry-extensions-3f78685/";
        Random random = new Random(1);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(bytes)) {
                z.putNextEntry(new ZipEntry(top + "README.md"));
                z.write("# Community registry extensions\n".getBytes(StandardCharsets.UTF_8));
                z.putNextEntry(new ZipEntry(top + "resources/Time_Offset/awscommunity-time-offset.json"));
                z.write("{\"typeName\": \"AwsCommunity::Time::Offset\"}\n".getBytes(StandardCharsets.UTF_8));
                z.putNextEntry(new ZipEntry(top + "resources/Time_Offset/handler.bin"));
                byte[] blob = new byte[300_000];
                random.nextBytes(blob);
                z.write(blob);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
