package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.releasekit.github.FakeGitHub.PATH;
import static io.releasekit.github.FakeGitHub.github;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.RateLimitedException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitHubFailuresTest {

    final FakeGitHub github = new FakeGitHub();
    final GitHubReleaseHost host = github.connection().repository(FakeGitHub.OWNER, FakeGitHub.REPO);
    final ServiceGuards guards = ServiceGuards.builder()
            .service(
                    "github",
                    GuardConfig.defaults()
                            .withMaxAttempts(1)
                            .withWindow(4, 4)
                            .withWaits(Duration.ofMinutes(5), Duration.ofMillis(1))
                            .withTimeout(Duration.ofSeconds(10)))
            .build();

    @AfterEach
    void stop() {
        github.close();
        guards.close();
    }

    static final String NOW = "Mon, 24 Nov 2025 13:00:00 GMT";

    static long epoch(String httpDate) {
        return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME)
                .toEpochSecond();
    }

    @Test
    void primaryRateLimitIsRateLimitedWithTheWaitUntilResetAndLeavesTheBreakerClosed() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH))
                        .willReturn(aResponse()
                                .withStatus(403)
                                .withHeader("Content-Type", "application/json; charset=utf-8")
                                .withHeader("Date", NOW)
                                .withHeader("X-RateLimit-Limit", "5000")
                                .withHeader("X-RateLimit-Remaining", "0")
                                .withHeader("X-RateLimit-Reset", Long.toString(epoch(NOW) + 754))
                                .withHeader("X-RateLimit-Resource", "core")
                                .withBody("{\"message\":\"API rate limit exceeded for user ID 3765789. If you reach out"
                                        + " to GitHub Support for help, please include the request ID\","
                                        + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\","
                                        + "\"status\":\"403\"}")));

        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> guards.call("github", host::releases))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(754));
                        assertThat(e.service()).isEqualTo("github");
                        assertThat(e.getMessage()).contains("rate limit").contains("754 s");
                    });
        }
        assertThat(guards.status("github").state()).isEqualTo(BreakerState.CLOSED);
        github.server().verify(6, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void secondaryRateLimitsWith429OrRetryAfterAreRateLimited() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH))
                        .willReturn(aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "30")
                                .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few"
                                        + " minutes before you try again.\"}")));
        assertThatThrownBy(() -> guards.call("github", host::tags))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(30)));

        github.server()
                .stubFor(get(urlPathEqualTo(PATH))
                        .willReturn(aResponse()
                                .withStatus(403)
                                .withHeader("Retry-After", "61")
                                .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}")));
        assertThatThrownBy(() -> guards.call("github", host::tags))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(61)));
        assertThat(guards.status("github").state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aBurstOf5xxOpensTheBreakerThroughTheGuards() {
        github.server()
                .stubFor(
                        get(urlPathEqualTo(PATH))
                                .willReturn(
                                        aResponse()
                                                .withStatus(502)
                                                .withHeader("Content-Type", "text/html")
                                                .withBody(
                                                        "<!DOCTYPE html>\n<html>\n  <head>\n    <title>Unicorn! &middot; GitHub</title>")));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guards.call("github", host::releases))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("GitHub answered 502")
                    .hasMessageNotContaining("Unicorn");
        }

        assertThat(guards.status("github").state()).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> guards.call("github", host::releases))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.breakerState())
                        .contains("OPEN"));
        github.server().verify(4, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void connectionResetsAreServiceFailuresThatHub4jDoesNotRetryOnItsOwn() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guards.call("github", host::releases))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("cannot reach localhost");
        }

        // Two requests per guarded call: the JDK HttpClient repeats an idempotent request once, at once, when the
        // connection dies before any response byte (it cannot tell a stale keep-alive connection from a reset; JDK 17
        // has no switch for GET). hub4j's own two extra attempts with sleeps would make it six per call.
        github.server().verify(8, getRequestedFor(urlPathEqualTo(PATH)));
        assertThat(guards.status("github").state()).isEqualTo(BreakerState.OPEN);
    }

    @Test
    void aMissingRepositoryIsNotFoundAndNeverCountsAgainstTheBreaker() {
        github.server()
                .stubFor(
                        get(urlPathEqualTo(PATH))
                                .willReturn(
                                        github(404)
                                                .withBody(
                                                        "{\"message\":\"Not Found\",\"documentation_url\":"
                                                                + "\"https://docs.github.com/rest/repos/repos#get-a-repository\",\"status\":\"404\"}")));

        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> guards.call("github", host::releases))
                    .isInstanceOf(NotFoundException.class)
                    .hasMessageContaining("aws-cloudformation/community-registry-extensions");
        }
        assertThat(guards.status("github").state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void badCredentialsNameTheSettingButNeverTheToken() {
        github.server()
                .stubFor(get(urlPathEqualTo(PATH))
                        .willReturn(github(401)
                                .withBody("{\"message\":\"Bad credentials\",\"documentation_url\":"
                                        + "\"https://docs.github.com/rest\",\"status\":\"401\"}")));

        assertThatThrownBy(() -> guards.call("github", host::releases))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Bad credentials")
                .hasMessageContaining("releasekit.github.token")
                .hasMessageNotContaining("ghp_testtoken123");
        assertThat(github.connection().toString()).doesNotContain("ghp_");
    }

    @Test
    void talksToGitHubEnterpriseBelowItsApiPath() {
        github.server()
                .stubFor(get(urlPathEqualTo("/api/v3" + PATH))
                        .willReturn(github(200)
                                .withBody(github.fixture("repo", java.util.Map.of())
                                        .replace(github.base(), github.base() + "/api/v3"))));
        github.server()
                .stubFor(get(urlPathEqualTo("/api/v3" + PATH + "/tags"))
                        .willReturn(github(200)
                                .withBody("[{\"name\": \"v1.0.0\", \"zipball_url\": \"x\","
                                        + " \"commit\": {\"sha\": \"" + "1".repeat(40) + "\", \"url\": \"x\"}}]")));
        GitHubReleaseHost ghe = GitHubConnection.builder()
                .endpoint(github.base() + "/api/v3/")
                .token("t")
                .build()
                .repository(FakeGitHub.OWNER, FakeGitHub.REPO);

        assertThat(ghe.tags()).containsExactly("v1.0.0");
        assertThat(ghe.location()).isEqualTo("localhost/aws-cloudformation/community-registry-extensions");
    }

    @Test
    void refusesEndpointsAndNamesThatCouldSmuggleSomethingIn() {
        assertThatThrownBy(() -> GitHubConnection.builder().endpoint("https://user:pw@ghe.example.com/api/v3"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> GitHubConnection.builder().endpoint("file:///etc/passwd"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> github.connection().repository("owner", "../../etc"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> github.connection().repository("-bad", "repo"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void computesRetryAfterFromAnHttpDate() {
        String later = ZonedDateTime.parse(NOW, DateTimeFormatter.RFC_1123_DATE_TIME)
                .plusSeconds(90)
                .withZoneSameInstant(ZoneOffset.UTC)
                .format(DateTimeFormatter.RFC_1123_DATE_TIME);
        github.server()
                .stubFor(get(urlPathEqualTo(PATH))
                        .willReturn(aResponse()
                                .withStatus(429)
                                .withHeader("Date", NOW)
                                .withHeader("Retry-After", later)));

        assertThatThrownBy(host::releases)
                .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter())
                        .contains(Duration.ofSeconds(90)));
    }
}
