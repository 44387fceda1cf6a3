package io.releasekit.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.ServiceUnavailableException;
import io.releasekit.core.artifact.ArtifactKey;
import io.releasekit.core.service.BreakerState;
import io.releasekit.core.service.GuardConfig;
import io.releasekit.core.service.ServiceGuards;
import java.net.URI;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** S3 failures as the real SDK reports them (WireMock answering like S3) become the right releasekit exceptions. */
class S3ErrorTranslationTest {

    WireMockServer s3;
    S3ArtifactStore store;

    @BeforeEach
    void start() {
        s3 = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        s3.start();
        store = S3ArtifactStore.builder()
                .bucket("releases")
                .region("eu-central-1")
                .endpoint(URI.create("http://127.0.0.1:" + s3.port()))
                .pathStyle(true)
                .credentials(CredentialSource.staticKeys("AKIAEXAMPLE", "secret"))
                .sdkMaxAttempts(1)
                .build();
    }

    @AfterEach
    void stop() {
        store.close();
        s3.stop();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "503, SlowDown, ServiceUnavailableException, true",
        "500, InternalError, ServiceUnavailableException, true",
        "502, '', ServiceUnavailableException, true",
        "429, TooManyRequests, ServiceUnavailableException, true",
        "400, RequestTimeout, ServiceUnavailableException, true",
        "403, AccessDenied, InvalidInputException, false",
        "403, InvalidAccessKeyId, InvalidInputException, false",
        "403, SignatureDoesNotMatch, InvalidInputException, false",
        "400, ExpiredToken, InvalidInputException, false",
        "404, NoSuchBucket, NotFoundException, false",
        "404, NoSuchKey, NotFoundException, false",
        "409, OperationAborted, ConflictException, false",
        "412, PreconditionFailed, ConflictException, false",
        "400, BadDigest, ConflictException, false",
        "400, InvalidArgument, InvalidInputException, false",
    })
    void translatesEachStatusAndCode(int status, String code, String type, boolean retryable) {
        s3.stubFor(any(anyUrl()).willReturn(s3Error(status, code)));

        assertThatThrownBy(() -> store.list("")).isInstanceOfSatisfying(ReleaseException.class, e -> {
            assertThat(e.getClass().getSimpleName()).isEqualTo(type);
            assertThat(e.retryable()).isEqualTo(retryable);
            assertThat(e.getMessage()).contains("s3://releases/").contains("HTTP " + status);
        });
    }

    @Test
    void aServiceFailureNamesTheService() {
        s3.stubFor(any(anyUrl()).willReturn(s3Error(503, "SlowDown")));

        assertThatThrownBy(() -> store.open(ArtifactKey.of("a")))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                        .isEqualTo("s3:eu-central-1"))
                .hasMessageContaining("SlowDown")
                .hasMessageContaining("Please reduce your request rate.");
    }

    @Test
    void aConnectionResetIsAnUnavailableServiceNamingIt() {
        s3.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> store.list(""))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> assertThat(e.service())
                        .isEqualTo("s3:eu-central-1"))
                .hasMessageContaining("could not be reached");
    }

    @Test
    void aStatOfAMissingObjectIsEmptyNotAnError() {
        s3.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)));

        assertThat(store.stat(ArtifactKey.of("missing"))).isEmpty();
    }

    @Test
    void accessDeniedNeverOpensTheBreakerButOutagesDo() {
        ServiceGuards guards = ServiceGuards.builder()
                .service(
                        "s3",
                        GuardConfig.defaults()
                                .withWindow(3, 5)
                                .withMaxAttempts(1)
                                .withWaits(Duration.ofMinutes(1), Duration.ofMillis(10)))
                .build();
        s3.stubFor(any(anyUrl()).willReturn(s3Error(403, "AccessDenied")));
        IntStream.range(0, 6)
                .forEach(i -> assertThatThrownBy(() -> guards.call("s3:eu-central-1", () -> store.list("")))
                        .isInstanceOf(InvalidInputException.class));
        assertThat(guards.status("s3:eu-central-1").state()).isEqualTo(BreakerState.CLOSED);

        s3.resetAll();
        s3.stubFor(any(anyUrl()).willReturn(s3Error(503, "SlowDown")));
        IntStream.range(0, 5)
                .forEach(i -> assertThatThrownBy(() -> guards.call("s3:eu-central-1", () -> store.list("")))
                        .isInstanceOf(ServiceUnavailableException.class));
        assertThat(guards.status("s3:eu-central-1").state()).isEqualTo(BreakerState.OPEN);
        guards.close();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder s3Error(int status, String code) {
        if (code.isEmpty()) {
            return aResponse().withStatus(status).withBody("<html>Bad Gateway</html>");
        }
        String message = code.equals("SlowDown") ? "Please reduce your request rate." : code + " happened";
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/xml")
                .withHeader("x-amz-request-id", "4442587FB7D0A2F9")
                .withBody("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                        + message + "</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>hostid</HostId></Error>");
    }
}
