package io.releasekit.api.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * Tests only, and only where {@code releasekit.test.unannotated-controller=true}: an operation someone forgot to give
 * a {@code @Secured} annotation. Deny by default means nobody reaches it, not even an admin.
 */
@Controller("/api/v1/test-unannotated")
@Requires(property = "releasekit.test.unannotated-controller", value = "true")
public class UnannotatedTestController {

    /** Would answer anyone if security let the request through. */
    @Get
    public String reached() {
        return "reached";
    }
}
