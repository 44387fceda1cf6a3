package io.releasekit.cli;

import io.releasekit.client.invoker.ApiClient;
import io.releasekit.client.invoker.ApiException;
import io.releasekit.client.model.RunEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads {@code GET /api/v1/runs/{id}/events}, the run's server-sent events, until the service ends the stream (the run
 * ended). The generated client cannot stream, so this reads the text/event-stream itself with the client's
 * {@link java.net.http.HttpClient} and object mapper: {@code data:} lines are one {@link RunEvent} each, comments
 * (keep-alives) are skipped.
 */
final class EventStream {

    private final ApiClient client;

    EventStream(ApiClient client) {
        this.client = client;
    }

    /** Sends each event after sequence {@code after} to {@code sink}; returns when the stream ends. */
    void follow(String runId, long after, Consumer<RunEvent> sink) throws ApiException, IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(
                        client.getBaseUri() + "/api/v1/runs/" + ApiClient.urlEncode(runId) + "/events?after=" + after))
                .header("Accept", "text/event-stream")
                .GET();
        if (client.getRequestInterceptor() != null) {
            client.getRequestInterceptor().accept(b);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.getHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new ApiException(
                        response.statusCode(),
                        "events of run " + runId,
                        response.headers(),
                        new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            read(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), sink);
        }
    }

    private void read(BufferedReader in, Consumer<RunEvent> sink) throws IOException {
        StringBuilder data = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    sink.accept(client.getObjectMapper().readValue(data.toString(), RunEvent.class));
                    data.setLength(0);
                }
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
            // id:, event: and comment lines (": keep-alive") carry nothing the JSON does not
        }
    }
}
