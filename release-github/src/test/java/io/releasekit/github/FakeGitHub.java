package io.releasekit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A GitHub REST API played by WireMock, with payloads shaped like GitHub's (fixtures in {@code /github/*.json},
 * {@code {{base}}} standing for the server's URL) and the headers GitHub sends (rate-limit headers, {@code Link}).
 */
public final class FakeGitHub implements AutoCloseable {

    public static final String OWNER = "aws-cloudformation";
    public static final String REPO = "community-registry-extensions";
    public static final String PATH = "/repos/" + OWNER + "/" + REPO;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    public FakeGitHub() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    /** The API base URL. */
    public String base() {
        return server.baseUrl();
    }

    /** A connection to this fake with a token. */
    public GitHubConnection connection() {
        return GitHubConnection.builder()
                .endpoint(base())
                .token("ghp_testtoken123")
                .build();
    }

    /** Serves the repository itself (hub4j reads it first). */
    public FakeGitHub withRepository() {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(github(200).withBody(fixture("repo", Map.of()))));
        return this;
    }

    /** A response with GitHub's usual headers. */
    public static ResponseDefinitionBuilder github(int status) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-GitHub-Media-Type", "github.v3; format=json")
                .withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Remaining", "4987")
                .withHeader("X-RateLimit-Reset", "1763740800")
                .withHeader("X-RateLimit-Used", "13")
                .withHeader("X-RateLimit-Resource", "core")
                .withHeader("X-GitHub-Request-Id", "E68A:A4AB:35F992B:3743C1F:60C30B1D");
    }

    /** A fixture with {{base}} and {{uploads}} filled in, plus the given variables. */
    public String fixture(String name, Map<String, String> vars) {
        String text;
        try (InputStream in = FakeGitHub.class.getResourceAsStream("/github/" + name + ".json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> all = new LinkedHashMap<>(vars);
        all.putIfAbsent("base", base());
        all.putIfAbsent("uploads", base() + "/uploads");
        for (Map.Entry<String, String> e : all.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return text;
    }

    /** A release object. */
    public String release(long id, String tag, boolean draft, String body, String target) {
        return fixture(
                "release",
                Map.of(
                        "id",
                        Long.toString(id),
                        "tag",
                        tag,
                        "name",
                        tag,
                        "draft",
                        Boolean.toString(draft),
                        "published",
                        draft ? "null" : "\"2025-11-20T10:30:00Z\"",
                        "body",
                        quote(body),
                        "target",
                        target));
    }

    /** An asset object; {@code digest} null for an asset without one. */
    public String asset(long id, String name, long size, String digest, String state) {
        return fixture(
                "asset",
                Map.of(
                        "id",
                        Long.toString(id),
                        "name",
                        name,
                        "size",
                        Long.toString(size),
                        "digest",
                        digest == null ? "null" : quote("sha256:" + digest),
                        "state",
                        state));
    }

    /** A full pull request object (GET /pulls/{n}). */
    public String pull(int number, String title, String body, String merged, String... labels) {
        return fixture(
                "pull",
                Map.of(
                        "number", Integer.toString(number),
                        "title", title,
                        "body", quote(body),
                        "author", "dev" + number,
                        "merged", merged,
                        "sha", String.format("%040x", number),
                        "labels", labels(labels)));
    }

    /** An item of the issue search (a pull request seen through /search/issues). */
    public String searchItem(int number, String title, String body, String merged, String... labels) {
        return fixture(
                "search-item",
                Map.of(
                        "number",
                        Integer.toString(number),
                        "title",
                        title,
                        "body",
                        quote(body),
                        "author",
                        "dev" + number,
                        "merged",
                        merged,
                        "labels",
                        labels(labels)));
    }

    /** A {@code Link} header pointing to the next and last pages. */
    public String link(String path, int next, int last) {
        return "<" + base() + path + "&page=" + next + ">; rel=\"next\", <" + base() + path + "&page=" + last
                + ">; rel=\"last\"";
    }

    /** JSON array text. */
    public static String array(List<String> elements) {
        return "[" + String.join(",", elements) + "]";
    }

    /** A JSON string literal (or null). */
    public static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String labels(String... names) {
        return Arrays.stream(names)
                .map(n -> "{\"id\": " + Math.abs(n.hashCode()) + ", \"node_id\": \"LA_kw" + Math.abs(n.hashCode())
                        + "\", \"url\": \"https://api.github.com/repos/x/y/labels/" + n + "\", \"name\": " + quote(n)
                        + ", \"color\": \"a2eeef\", \"default\": false, \"description\": \"\"}")
                .collect(Collectors.joining(","));
    }

    /** A real-shaped webhook payload from {@code /webhooks/<name>}, as raw bytes. */
    public static byte[] webhookPayload(String name) {
        try (InputStream in = FakeGitHub.class.getResourceAsStream("/webhooks/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain JSON 200. */
    public static ResponseDefinitionBuilder ok(String body) {
        return okJson(body);
    }

    @Override
    public void close() {
        server.stop();
    }
}
