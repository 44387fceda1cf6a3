package io.releasekit.api.console;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.views.turbo.TurboStreamFilter;

/**
 * Micronaut Views' Turbo Stream response filter on the console's pages only (the library's matches every path). The
 * console uses htmx, not Turbo, so this only keeps the library's behaviour where a view can be answered.
 */
@Replaces(TurboStreamFilter.class)
@ServerFilter(patterns = ConsoleSession.PAGES, patternStyle = FilterPatternStyle.REGEX)
public class ConsoleTurboStreamFilter extends TurboStreamFilter {}
