package bench.minimal;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.Micronaut;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** The baseline service: one JSON endpoint shaped like releasekit's POST /api/v1/versions/next, and a health probe. */
@Controller
public class Minimal {

    /** Request body. */
    @Serdeable
    public record Next(List<String> tags, String prefix) {}

    /** Response body. */
    @Serdeable
    public record Answer(String previousTag, String tag) {}

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }

    @Get("/health")
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }

    @Post("/api/v1/versions/next")
    public Answer next(@Body Next next) {
        String prefix = next.prefix() == null ? "" : next.prefix();
        int[] best = null;
        String bestTag = null;
        for (String tag : next.tags()) {
            if (!tag.startsWith(prefix)) continue;
            String[] p = tag.substring(prefix.length()).split("\\.");
            if (p.length != 3) continue;
            int[] v = {Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2])};
            if (best == null || compare(v, best) > 0) {
                best = v;
                bestTag = tag;
            }
        }
        String tag = best == null ? prefix + "0.1.0" : prefix + best[0] + "." + best[1] + "." + (best[2] + 1);
        return new Answer(bestTag, tag);
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) if (a[i] != b[i]) return Integer.compare(a[i], b[i]);
        return 0;
    }
}
