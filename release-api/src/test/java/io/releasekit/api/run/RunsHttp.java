package io.releasekit.api.run;

import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain JDK HTTP client for the runs API, as curl or a script would call it: explicit token per request, JSON
 * bodies as text, responses parsed into maps.
 */
public final class RunsHttp {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final URI base;

    /** A client for the service at {@code base}. */
    public RunsHttp(URI base) {
        this.base = base;
    }

    /** A response with its body as text. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public Map<String, Object> json() {
            return RunsHttp.parse(body);
        }

        public List<Map<String, Object>> jsonList() {
            try {
                return JSON.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, String token, String body, String... headers) {
        HttpRequest.Builder b = request(path, token).POST(HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    /** Starts a run and returns its view (fails unless 202). */
    Map<String, Object> start(String token, String kind, Map<String, ?> parameters) {
        Response r = post("/api/v1/runs", token, json(Map.of("kind", kind, "parameters", parameters)));
        if (r.status() != 202) {
            throw new AssertionError("starting " + kind + ": " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** The run, once it is in one of the states. */
    public Map<String, Object> awaitState(String runId, Duration timeout, String... states) {
        AtomicReference<Response> last = new AtomicReference<>();
        await().atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .failFast(
                        "run " + runId + " cannot be read",
                        () -> last.get() != null && last.get().status() != 200)
                .alias("run " + runId + " in " + List.of(states))
                .until(() -> {
                    last.set(get("/api/v1/runs/" + runId, io.releasekit.api.TestTokens.READER));
                    return java.util.Arrays.asList(states)
                            .contains(last.get().json().get("state"));
                });
        return last.get().json();
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> parse(String body) {
        try {
            return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(body, e);
        }
    }

    /** The steps of a run view by name. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> steps(Map<String, Object> run) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object s : (List<Object>) run.get("steps")) {
            Map<String, Object> step = (Map<String, Object>) s;
            out.put((String) step.get("name"), step);
        }
        return out;
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    public Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
