package io.releasekit.api.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads a {@code text/event-stream} response with the JDK client, as a browser's EventSource or {@code curl -N} would:
 * fields {@code id}, {@code event}, {@code data} per event, events separated by a blank line. Comment lines ({@code :
 * ...}) are kept apart, with every block of lines in the order it arrived, so that tests can see keep-alives and where
 * they fell between events.
 */
final class SseReader {

    /** One server-sent event. */
    record SseEvent(String id, String event, Map<String, Object> data) {}

    /** An open stream: the events so far, and the end of the stream. */
    static final class Stream_ {
        final int status;
        final String contentType;
        final List<SseEvent> events = new CopyOnWriteArrayList<>();
        /** The comments, without the leading colon and space. */
        final List<String> comments = new CopyOnWriteArrayList<>();
        /** Every block (lines up to a blank line) in arrival order, as its raw lines. */
        final List<List<String>> blocks = new CopyOnWriteArrayList<>();

        final CompletableFuture<Void> ended = new CompletableFuture<>();

        Stream_(int status, String contentType) {
            this.status = status;
            this.contentType = contentType;
        }

        /** Waits until the server completes the stream and returns every event. */
        List<SseEvent> awaitEnd(Duration timeout) throws Exception {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return List.copyOf(events);
        }
    }

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SseReader() {}

    /** Opens the stream and reads it on a background thread. */
    static Stream_ open(URI uri, String token, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response;
        try {
            response = CLIENT.send(b.GET().build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Stream_ stream = new Stream_(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""));
        Thread reader = new Thread(() -> read(response.body(), stream), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    private static void read(Stream<String> lines, Stream_ stream) {
        String[] fields = new String[3];
        List<String> data = new ArrayList<>();
        List<String> block = new ArrayList<>();
        try (lines) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!block.isEmpty()) {
                        stream.blocks.add(List.copyOf(block));
                        block.clear();
                    }
                    if (!data.isEmpty()) {
                        stream.events.add(new SseEvent(fields[0], fields[1], RunsHttp.parse(String.join("\n", data))));
                    }
                    fields[0] = null;
                    fields[1] = null;
                    data.clear();
                    return;
                }
                block.add(line);
                if (line.startsWith(":")) {
                    stream.comments.add(line.substring(1).strip());
                } else if (line.startsWith("id:")) {
                    fields[0] = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    fields[1] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.add(line.substring(5).strip());
                }
            });
            stream.ended.complete(null);
        } catch (RuntimeException e) {
            stream.ended.completeExceptionally(e);
        }
    }
}
