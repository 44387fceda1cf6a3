package io.releasekit.api.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.views.ViewsFilter;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRendererLocator;
import io.micronaut.views.ViewsResolver;
import io.micronaut.views.turbo.TurboFrameRenderer;
import io.micronaut.views.turbo.TurboStreamRenderer;

/**
 * Micronaut Views' rendering filter on the console's pages only. The library's filter matches every path, so every
 * API request paid for a reactive filter (and its Turbo frame checks) that can only ever render a console page: views
 * are answered under {@code /console} and nowhere else (docs/benchmarks.md, session 7). The pattern is a regular
 * expression: the router tests every pattern other than {@code /**} on every request, and an Ant pattern splits the
 * path into an array each time, where this one fails at the second character of an API path.
 */
@Replaces(ViewsFilter.class)
@Requires(beans = ViewsResolver.class)
@Filter(patterns = ConsoleSession.PAGES, patternStyle = FilterPatternStyle.REGEX)
public class ConsoleViewsFilter extends ViewsFilter {

    ConsoleViewsFilter(
            ViewsResolver viewsResolver,
            ViewsRendererLocator viewsRendererLocator,
            ViewsModelDecorator viewsModelDecorator,
            TurboStreamRenderer turboStreamRenderer,
            TurboFrameRenderer turboFrameRenderer) {
        super(viewsResolver, viewsRendererLocator, viewsModelDecorator, turboStreamRenderer, turboFrameRenderer);
    }
}
