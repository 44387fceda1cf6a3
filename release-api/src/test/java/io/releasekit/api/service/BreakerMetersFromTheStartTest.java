package io.releasekit.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code curl …/prometheus | grep releasekit_service_} on a service that has called nothing yet: the
 * breakers of every configured service and of every configured adapter are metered from the start, not from their
 * first call.
 */
class BreakerMetersFromTheStartTest {

    @TempDir
    Path dataDir;

    @Test
    void aFreshServiceOnTheEmbeddedDefaultsScrapesTheConfiguredServicesBreakers() throws Exception {
        String scrape = scrapeOfAFreshService(Map.of());

        // application.yml configures releasekit.services.s3 (the object stores' family)
        assertThat(scrape)
                .containsPattern(line("releasekit_service_breaker_state", "service=\"s3\",state=\"closed\"", 1))
                .containsPattern(line("releasekit_service_breaker_state", "service=\"s3\",state=\"open\"", 0))
                .containsPattern(line("releasekit_service_calls_total", "outcome=\"successful\",service=\"s3\"", 0))
                .containsPattern(line("releasekit_service_calls_total", "outcome=\"failed\",service=\"s3\"", 0));
    }

    @Test
    void configuredChannelsAndServicesAreMeteredBeforeTheirFirstCall() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put("releasekit.channels.ops-slack.type", "slack");
        config.put("releasekit.channels.ops-slack.token", "xoxb-not-called");
        config.put("releasekit.channels.ops-slack.channel-id", "C0123456789");
        config.put("releasekit.channels.ops-slack.base-url", "http://127.0.0.1:9/api");
        config.put("releasekit.channels.ops-slack.allow-http", true);
        config.put("releasekit.services.git.max-attempts", 2);

        String scrape = scrapeOfAFreshService(config);

        for (String service : List.of("slack", "git", "s3")) {
            assertThat(scrape)
                    .containsPattern(
                            line("releasekit_service_breaker_state", "service=\"" + service + "\",state=\"closed\"", 1))
                    .containsPattern(line(
                            "releasekit_service_calls_total",
                            "outcome=\"not_permitted\",service=\"" + service + "\"",
                            0));
        }
    }

    /** Starts the service as {@code java -jar} does (no test environment), scrapes once with the generated token. */
    private String scrapeOfAFreshService(Map<String, Object> config) throws Exception {
        Map<String, Object> properties = new HashMap<>(config);
        properties.put("micronaut.server.port", -1);
        properties.put("releasekit.data-dir", dataDir.toString());
        try (EmbeddedServer server = ApplicationContext.builder()
                .deduceEnvironment(false)
                .properties(properties)
                .run(EmbeddedServer.class)) {
            String token = Files.readString(dataDir.resolve("admin-token")).strip();
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }

    private static Pattern line(String metric, String labels, int value) {
        return Pattern.compile("(?m)^" + Pattern.quote(metric + "{" + labels + "}") + " " + value + "(\\.0)?$");
    }
}
