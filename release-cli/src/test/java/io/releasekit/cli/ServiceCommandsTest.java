package io.releasekit.cli;

import static io.releasekit.cli.CliService.ADMIN;
import static io.releasekit.cli.CliService.CI;
import static io.releasekit.cli.CliService.READER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releasekit.cli.CliService.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kinds, services, preflight, versions and the connection settings, against a running service. */
class ServiceCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @TempDir
    Path home;

    static CliService service;

    @BeforeAll
    static void start() {
        service = new CliService(dataDir);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void listsKindsWithTheirParameters() throws Exception {
        Result table = service.run(READER, "kinds");
        JsonNode json = JSON.readTree(service.run(READER, "kinds", "--json").out());

        assertThat(table.code()).isZero();
        assertThat(table.out())
                .containsPattern("cli\\.greet\\s+name\\* loud:BOOLEAN times:INTEGER cc:STRING_LIST\\s+Checks");
        assertThat(json).anySatisfy(k -> {
            assertThat(k.path("kind").asText()).isEqualTo("cli.greet");
            assertThat(k.path("parameters").get(0).path("required").asBoolean()).isTrue();
        });
    }

    @Test
    void showsBreakersAndAPreflightOfGoThenNoGoWhenAnAdminForcesABreakerOpen() throws Exception {
        Result go = service.run(READER, "preflight", "cli.greet", "-p", "name=a");
        assertThat(go.code()).isZero();
        assertThat(go.out()).startsWith("cli.greet: GO\n");
        JsonNode goJson = JSON.readTree(
                service.run(READER, "--json", "preflight", "cli.copy").out());
        assertThat(goJson.path("verdict").asText()).isEqualTo("GO");

        new io.releasekit.client.api.ServicesApi(new Connection(java.net.URI.create(service.url()), ADMIN).client())
                .forceServiceOpen("cli-test-outage");
        Result services = service.run(READER, "services");
        JsonNode servicesJson =
                JSON.readTree(service.run(READER, "services", "--json").out());

        assertThat(services.code()).isZero();
        assertThat(services.out().lines().findFirst().orElseThrow())
                .startsWith("SERVICE")
                .contains("STATE");
        assertThat(services.out()).containsPattern("cli-test-outage\\s+FORCED_OPEN");
        assertThat(servicesJson)
                .anySatisfy(s -> assertThat(s.path("state").asText()).isEqualTo("FORCED_OPEN"));
    }

    @Test
    void computesTheNextVersionFromArgumentsAndAsJson() throws Exception {
        Result next = service.run(CI, "versions", "next", "--prefix", "release-", "release-0.1.0", "release-0.1.1");
        JsonNode json =
                JSON.readTree(service.run(CI, "--json", "versions", "next", "--bump", "minor", "v1.2.3", "v1.3.0-rc.1")
                        .out());

        assertThat(next.code()).isZero();
        assertThat(next.out()).isEqualTo("release-0.1.2\n");
        assertThat(json.path("tag").asText()).isEqualTo("v1.3.0");
        assertThat(json.path("previousTag").asText()).isEqualTo("v1.2.3");
    }

    @Test
    void appliesTheVersionPolicy() throws Exception {
        Result table = service.run(CI, "versions", "policy", "--current", "2.1.0", "--event", "BRANCH_CUT");
        JsonNode json = JSON.readTree(
                service.run(CI, "versions", "policy", "--current", "2.1.3", "--event", "RELEASE", "--json")
                        .out());

        assertThat(table.code()).isZero();
        assertThat(table.out()).containsPattern("2\\.1\\.0\\s+2\\.2\\.0-dev");
        assertThat(json.path("to").asText()).isEqualTo("2.1.4-dev");
        Result bad = service.run(CI, "versions", "policy", "--current", "2.1.0", "--event", "PARTY");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--event", "PARTY");
    }

    @Test
    void aReaderMayNotComputeVersionsAndABadVersionIsTheServicesProblem() {
        Result forbidden = service.run(READER, "versions", "next", "v1.0.0");
        Result bad = service.run(CI, "versions", "policy", "--current", "not-a-version", "--event", "RELEASE");

        assertThat(forbidden.code()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(forbidden.err()).startsWith("releasekit: 403 forbidden");
        assertThat(bad.code()).isEqualTo(ExitCodes.SERVICE_ERROR);
        assertThat(bad.err()).startsWith("releasekit: 400 ").contains("not-a-version");
    }

    @Test
    void readsUrlAndTokenFromAnOwnerOnlyConfigFileAndRefusesOneOthersMayRead() throws IOException {
        Path config = home.resolve(".config/releasekit/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "url=" + service.url() + "\ntoken=" + READER + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

        Result ok = Result.of(Map.of("HOME", home.toString()), "kinds");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Result unsafe = Result.of(Map.of("HOME", home.toString()), "kinds");

        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("cli.greet");
        assertThat(unsafe.code()).isEqualTo(ExitCodes.NOT_CONNECTED);
        assertThat(unsafe.err())
                .isEqualTo("releasekit: config file " + config + " may be read by others (rw-r--r--): it holds a"
                        + " token, run chmod 600 " + config + "\n");
        assertThat(unsafe.err()).doesNotContain(READER);
    }

    @Test
    void theEnvironmentWinsOverTheConfigFileAndAMissingTokenOrServiceExits8() throws IOException {
        Result noToken = Result.of(Map.of("HOME", home.toString(), "RELEASEKIT_URL", service.url()), "kinds");
        Result noUrl = Result.of(Map.of("HOME", home.toString(), "RELEASEKIT_TOKEN", READER), "kinds");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Result unreachable = Result.of(
                Map.of("HOME", home.toString(), "RELEASEKIT_TOKEN", READER),
                "kinds",
                "--url",
                "http://127.0.0.1:" + closed);

        assertThat(noToken.code()).isEqualTo(ExitCodes.NOT_CONNECTED);
        assertThat(noToken.err()).startsWith("releasekit: no token: set RELEASEKIT_TOKEN");
        assertThat(noUrl.code()).isEqualTo(ExitCodes.NOT_CONNECTED);
        assertThat(noUrl.err()).startsWith("releasekit: no service URL");
        assertThat(unreachable.code()).isEqualTo(ExitCodes.NOT_CONNECTED);
        assertThat(unreachable.err()).startsWith("releasekit: cannot reach the service");
        assertThat(service.run("wrong-token", "kinds").err()).startsWith("releasekit: 401 unauthorized");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Result help = Result.of(Map.of(), "--help");
        Result none = Result.of(Map.of());

        assertThat(help.code()).isZero();
        assertThat(help.out())
                .contains("runs", "preflight", "kinds", "services", "versions", "verify")
                .contains("Exit codes:", "5   --follow: the run is AWAITING_APPROVAL.")
                .doesNotContain("cds-train");
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).startsWith("a command is required\nUsage: releasekit");
    }
}
