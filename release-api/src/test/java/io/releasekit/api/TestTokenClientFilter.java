package io.releasekit.api;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;

/**
 * Tests only: every request a Micronaut HTTP client sends to this application's embedded server carries the admin
 * test token, unless it has its own {@code Authorization} header. Requests to other servers (WireMock, S3Proxy) are
 * left alone.
 */
@ClientFilter("/**")
public class TestTokenClientFilter {

    private final BeanProvider<EmbeddedServer> server;

    TestTokenClientFilter(BeanProvider<EmbeddedServer> server) {
        this.server = server;
    }

    @RequestFilter
    void addAdminToken(MutableHttpRequest<?> request) {
        if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION) && toThisServer(request.getUri())) {
            request.bearerAuth(TestTokens.ADMIN);
        }
    }

    private boolean toThisServer(URI uri) {
        if (!uri.isAbsolute()) {
            return true;
        }
        if (!server.isPresent()) {
            return false;
        }
        EmbeddedServer s = server.get();
        return s.isRunning() && uri.getPort() == s.getPort();
    }
}
