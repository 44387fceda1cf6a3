package io.releasekit.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.filter.GenericHttpFilter;
import io.micronaut.management.endpoint.health.filter.HealthResultFilter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.turbo.TurboStreamFilter;
import io.micronaut.web.router.Router;
import io.releasekit.api.console.ConsoleTurboStreamFilter;
import io.releasekit.api.console.ConsoleViewsFilter;
import io.releasekit.api.service.HealthStatusFilter;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filters bound to some paths only (views: the console; the health status: the health endpoint) run there and on
 * no API operation, with the library's own filters replaced (HealthStatusFilterTest: the 503 still comes).
 */
@MicronautTest
class FilterRoutesTest {

    @Inject
    Router router;

    @Test
    void apiOperationsPassNeitherTheViewsNorTheHealthFilters() throws Exception {
        for (String path : List.of("/api/v1/versions/next", "/api/v1/runs", "/", "/consolex", "/healthx", "/health/")) {
            List<Object> filters = beans(router.findFilters(HttpRequest.POST(path, "{}")));
            assertThat(filters).as(path).noneMatch(ViewsFilter.class::isInstance);
            assertThat(filters).as(path).noneMatch(TurboStreamFilter.class::isInstance);
            assertThat(filters).as(path).noneMatch(HealthResultFilter.class::isInstance);
            assertThat(filters).as(path).isNotEmpty(); // the security filter, at least
        }
    }

    @Test
    void consolePagesRenderThroughTheViewsFilter() throws Exception {
        for (String path : List.of("/console", "/console/login", "/console/runs/abc", "/console/start/x")) {
            List<Object> filters = beans(router.findFilters(HttpRequest.GET(path)));
            assertThat(filters).as(path).hasAtLeastOneElementOfType(ConsoleViewsFilter.class);
            assertThat(filters).as(path).hasAtLeastOneElementOfType(ConsoleTurboStreamFilter.class);
            assertThat(filters).as(path).noneMatch(f -> f.getClass() == ViewsFilter.class);
        }
    }

    @Test
    void theHealthEndpointsPassTheHealthStatusFilter() throws Exception {
        for (String path : List.of("/health", "/health/liveness", "/health/readiness")) {
            List<Object> filters = beans(router.findFilters(HttpRequest.GET(path)));
            assertThat(filters).as(path).hasAtLeastOneElementOfType(HealthStatusFilter.class);
            assertThat(filters).as(path).noneMatch(f -> f.getClass() == HealthResultFilter.class);
        }
    }

    /** The filter beans behind the router's wrappers (legacy filters and filter methods both hold theirs). */
    private static List<Object> beans(List<GenericHttpFilter> filters) throws Exception {
        List<Object> beans = new ArrayList<>();
        for (GenericHttpFilter filter : filters) {
            Method bean;
            try {
                bean = filter.getClass().getMethod("bean");
            } catch (NoSuchMethodException e) {
                beans.add(filter);
                continue;
            }
            bean.setAccessible(true);
            beans.add(bean.invoke(filter));
        }
        return beans;
    }
}
