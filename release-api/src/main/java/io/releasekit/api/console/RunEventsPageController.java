package io.releasekit.api.console;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import io.micronaut.security.annotation.Secured;
import io.releasekit.api.security.Roles;
import io.releasekit.core.run.RunEngine;
import io.releasekit.core.run.RunEvent;
import io.releasekit.core.run.RunState;
import io.releasekit.core.run.Subscription;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Locale;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The run page's live updates, over the run's events ({@link RunEngine#follow}) as server-sent events for htmx: a
 * {@code progress} event carries the progress bar of the running step as HTML, a {@code changed} event tells the page
 * to reload its steps, and {@code done} (after the run ended) closes the stream.
 */
@Hidden
@Controller("/console/runs")
@Secured({Roles.READER, Roles.CI, Roles.RELEASE_MANAGER, Roles.ADMIN})
class RunEventsPageController {

    private final RunEngine engine;

    RunEventsPageController(RunEngine engine) {
        this.engine = engine;
    }

    @Get(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> events(@PathVariable String id, @QueryValue(defaultValue = "0") long after) {
        engine.run(id); // 404 before anything streams
        Flux<RunEvent> events = Flux.create(sink -> {
            Subscription s = engine.follow(id, after, sink::next);
            sink.onDispose(s::close);
        });
        return events.publishOn(Schedulers.boundedElastic())
                .takeUntil(RunEventsPageController::ends)
                .concatMap(e -> ends(e)
                        ? Flux.just(
                                Event.of(marker(e)).name("changed"),
                                Event.of("ended").name("done"))
                        : Flux.just(sse(e)));
    }

    private static boolean ends(RunEvent e) {
        return e.type() == RunEvent.Type.RUN_STATE_CHANGED
                && RunState.valueOf(e.data().get("state")).terminal();
    }

    private static Event<String> sse(RunEvent e) {
        if (e.type() == RunEvent.Type.STEP_PROGRESS) {
            return Event.of(progress(e.step(), e.data())).name("progress");
        }
        return Event.of(marker(e)).name("changed");
    }

    private static String marker(RunEvent e) {
        return "<span data-sequence=\"" + e.sequence() + "\"></span>";
    }

    /** The progress bar of a step as one line of HTML (an SSE data line carries no newline). */
    static String progress(String step, Map<String, String> d) {
        long done = number(d.get("done"));
        long total = number(d.get("total"));
        long bytes = number(d.get("bytes"));
        String max = total > 0 ? Long.toString(total) : "1";
        String value = total > 0 ? Long.toString(Math.min(done, total)) : "0";
        return "<progress id=\"step-progress\" max=\"" + max + "\" value=\"" + value + "\"></progress>"
                + "<span class=\"progress-text\">" + escape(step) + ": " + done + (total >= 0 ? " / " + total : "")
                + " objects" + (bytes > 0 ? ", " + bytes(bytes) : "") + "</span>";
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static long number(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String escape(String s) {
        return s == null
                ? ""
                : s.replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
    }
}
