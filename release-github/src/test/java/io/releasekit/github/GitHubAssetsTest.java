package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.array;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.releasekit.core.ConflictException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.host.ArchiveFormat;
import io.releasekit.core.host.Asset;
import io.releasekit.core.host.AssetUpload;
import io.releasekit.core.host.Download;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubAssetsTest {

    final FakeGitHub github = new FakeGitHub().withRepository();
    final GitHubReleaseHost host = github.connection().repository(FakeGitHub.OWNER, FakeGitHub.REPO);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        github.close();
    }

    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    void release106WithAssets(String... assets) {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106"))
                        .willReturn(github(200).withBody(github.release(106, "release-0.1.2", true, "", "main"))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106/assets"))
                        .willReturn(github(200).withBody(array(List.of(assets)))));
    }

    @Test
    void listsAssetsWithTheDigestHub4jDoesNotMap() {
        String digest = "a".repeat(64);
        release106WithAssets(
                github.asset(9001, "awscommunity.zip", 123456, digest, "uploaded"),
                github.asset(9002, "old.zip", 10, null, "uploaded"));

        List<Asset> assets = host.assets(106);

        assertThat(assets).extracting(Asset::name).containsExactly("awscommunity.zip", "old.zip");
        assertThat(assets.get(0).sha256()).contains(digest);
        assertThat(assets.get(0).size()).isEqualTo(123456);
        assertThat(assets.get(1).sha256()).isEmpty();
    }

    @Test
    void uploadsAFileStreamingWithItsLengthToTheUploadUrl() throws Exception {
        byte[] content = bytes(3 * 1024 * 1024 + 17);
        Path file = Files.write(dir.resolve("awscommunity.zip"), content);
        release106WithAssets();
        github.server()
                .stubFor(post(urlPathEqualTo("/uploads" + PATH + "/releases/106/assets"))
                        .willReturn(github(201)
                                .withBody(github.asset(
                                        9003, "awscommunity.zip", content.length, sha256(content), "uploaded"))));

        Asset a = host.uploadAsset(106, AssetUpload.ofFile(file, "application/zip"));

        assertThat(a.id()).isEqualTo(9003);
        assertThat(a.sha256()).contains(sha256(content));
        github.server()
                .verify(postRequestedFor(urlPathEqualTo("/uploads" + PATH + "/releases/106/assets"))
                        .withQueryParam("name", equalTo("awscommunity.zip"))
                        .withHeader("Content-Length", equalTo(Integer.toString(content.length)))
                        .withHeader("Transfer-Encoding", absent())
                        .withHeader("Content-Type", equalTo("application/zip"))
                        .withHeader("Authorization", equalTo("Bearer ghp_testtoken123"))
                        .withRequestBody(binaryEqualTo(content)));
    }

    @Test
    void uploadingTheSameFileAgainIsANoOpAndOtherContentIsAConflict() throws Exception {
        byte[] content = bytes(2048);
        Path file = Files.write(dir.resolve("awscommunity.zip"), content);
        release106WithAssets(github.asset(9003, "awscommunity.zip", content.length, sha256(content), "uploaded"));

        Asset same = host.uploadAsset(106, AssetUpload.ofFile(file, "application/zip"));
        Files.write(file, bytes(4096));

        assertThat(same.id()).isEqualTo(9003);
        assertThatThrownBy(() -> host.uploadAsset(106, AssetUpload.ofFile(file, "application/zip")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("awscommunity.zip")
                .hasMessageContaining("2048 bytes")
                .hasMessageContaining("4096 bytes");
        github.server().verify(0, postRequestedFor(urlPathEqualTo("/uploads" + PATH + "/releases/106/assets")));
    }

    @Test
    void replacesAnUnfinishedUploadAndDeletesAnUploadWhoseDigestDiffers() throws Exception {
        byte[] content = bytes(1000);
        Path file = Files.write(dir.resolve("awscommunity.zip"), content);
        release106WithAssets(github.asset(9004, "awscommunity.zip", 0, null, "starter"));
        github.server()
                .stubFor(WireMock.delete(urlPathEqualTo(PATH + "/releases/assets/9004"))
                        .willReturn(github(204)));
        github.server()
                .stubFor(WireMock.delete(urlPathEqualTo(PATH + "/releases/assets/9005"))
                        .willReturn(github(204)));
        github.server()
                .stubFor(post(urlPathEqualTo("/uploads" + PATH + "/releases/106/assets"))
                        .willReturn(github(201)
                                .withBody(github.asset(9005, "awscommunity.zip", 1000, "b".repeat(64), "uploaded"))));

        assertThatThrownBy(() -> host.uploadAsset(106, AssetUpload.ofFile(file, "application/zip")))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("SHA-256 " + "b".repeat(64))
                .hasMessageContaining("deleted again");
        github.server().verify(deleteRequestedFor(urlPathEqualTo(PATH + "/releases/assets/9004")));
        github.server().verify(deleteRequestedFor(urlPathEqualTo(PATH + "/releases/assets/9005")));
    }

    @Test
    void refusesToSendTheTokenToAnUploadHostOfAnotherDomain() throws Exception {
        Path file = Files.write(dir.resolve("x.zip"), bytes(10));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106"))
                        .willReturn(github(200)
                                .withBody(github.release(106, "release-0.1.2", true, "", "main")
                                        .replace(github.base() + "/uploads", "https://uploads.evil.example"))));
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/106/assets"))
                        .willReturn(github(200).withBody("[]")));

        assertThatThrownBy(() -> host.uploadAsset(106, AssetUpload.ofFile(file, "application/zip")))
                .hasMessageContaining("uploads.evil.example")
                .hasMessageContaining("not sending the token");
    }

    @Test
    void downloadsAnAssetFollowingTheRedirectWithoutTheToken() throws Exception {
        byte[] content = bytes(2 * 1024 * 1024);
        WireMockServer storage =
                new WireMockServer(WireMockConfiguration.options().dynamicPort());
        storage.start();
        try {
            storage.stubFor(get(urlPathEqualTo("/github-production-release-asset/403921118/9003"))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/octet-stream")
                            .withHeader("Content-Length", Integer.toString(content.length))
                            .withBody(content)));
            github.server()
                    .stubFor(
                            get(urlPathEqualTo(PATH + "/releases/assets/9003"))
                                    .withHeader("Accept", equalTo("application/octet-stream"))
                                    .willReturn(
                                            aResponse()
                                                    .withStatus(302)
                                                    .withHeader(
                                                            "Location",
                                                            storage.baseUrl()
                                                                    + "/github-production-release-asset/403921118/9003?X-Amz-Signature=abc")));

            byte[] read;
            try (Download d = host.openAsset(9003);
                    InputStream in = d.content()) {
                assertThat(d.length()).isEqualTo(content.length);
                read = in.readAllBytes();
            }

            assertThat(read).isEqualTo(content);
            github.server()
                    .verify(getRequestedFor(urlPathEqualTo(PATH + "/releases/assets/9003"))
                            .withHeader("Authorization", equalTo("Bearer ghp_testtoken123")));
            storage.verify(getRequestedFor(urlPathEqualTo("/github-production-release-asset/403921118/9003"))
                    .withHeader("Authorization", absent()));
        } finally {
            storage.stop();
        }
    }

    @Test
    void downloadsTheSourceZipballOfATag() {
        byte[] zip = bytes(40_000);
        github.server()
                .stubFor(
                        get(urlPathEqualTo(PATH + "/zipball/release-0.1.1"))
                                .willReturn(
                                        aResponse()
                                                .withStatus(302)
                                                .withHeader(
                                                        "Location",
                                                        github.base()
                                                                + "/codeload/aws-cloudformation/community-registry-extensions/legacy.zip/refs/tags/release-0.1.1")));
        github.server()
                .stubFor(get(urlPathEqualTo(
                                "/codeload/aws-cloudformation/community-registry-extensions/legacy.zip/refs/tags/release-0.1.1"))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/zip")
                                .withHeader(
                                        "Content-Disposition",
                                        "attachment; filename=aws-cloudformation-community-registry-extensions-3f78685.zip")
                                .withBody(zip)));

        try (Download d = host.openSourceArchive("release-0.1.1", ArchiveFormat.ZIP)) {
            assertThat(d.content().readAllBytes()).isEqualTo(zip);
            assertThat(d.contentType()).isEqualTo("application/zip");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMissingAssetIsNotFound() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH + "/releases/assets/1"))
                        .willReturn(github(404).withBody("{\"message\":\"Not Found\",\"status\":\"404\"}")));

        assertThatThrownBy(() -> host.openAsset(1))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("download asset 1 of localhost/aws-cloudformation/community-registry-extensions")
                .hasMessageNotContaining("ghp_");
    }
}
