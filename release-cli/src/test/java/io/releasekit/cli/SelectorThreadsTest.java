package io.releasekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SelectorThreadsTest {

    private static List<Thread> selectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t ->
                        t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .filter(Thread::isAlive)
                .collect(Collectors.toList());
    }

    @Test
    void aClientThatCalledAServiceLeavesNoSelectorThreadForTheExitToWaitFor() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<Void> answer = client.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + server.getAddress().getPort() + "/health"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(selectors())
                    .as("the client's selector thread, in native code")
                    .isNotEmpty();

            SelectorThreads.stop();

            assertThat(selectors()).isEmpty();
            assertThat(client).isNotNull(); // still referenced: the thread ended because it was stopped
        } finally {
            server.stop(0);
        }
    }
}
