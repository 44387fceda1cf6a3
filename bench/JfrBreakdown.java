import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the request threads' CPU goes, from a JFR recording of the service under load (bench/api-profile.sh):
 * {@code java bench/JfrBreakdown.java recording.jfr <user CPU us per request>}.
 *
 * <p>Each jdk.ExecutionSample is charged to the innermost layer on its stack (walking from the leaf down) that is not
 * plumbing; to the innermost plumbing layer (Micronaut's HTTP server, Reactor, Netty: on every stack) when no other
 * layer is there; else to the leaf's package. A filter that proceeds inside its own reactive chain (Micronaut
 * Security's) has the rest of the request on its stack: layers rootward of the filter runner are not charged. A third argument, comma-separated class-name prefixes, adds the
 * inclusive share of every method of those classes (a sample counts for each distinct method on its stack). The share of samples times the user CPU per request gives microseconds per request
 * (kernel time — socket reads and writes — is sys CPU, printed by the script, not sampled here).
 */
public class JfrBreakdown {

    /** Layers, innermost first: the first one found from the leaf down takes the sample. */
    private static final List<String[]> LAYERS = List.of(
            new String[] {"strict input filter (api.input)", "io.releasekit.api.input."},
            new String[] {"security: releasekit tokens/rules (api.security)", "io.releasekit.api.security."},
            new String[] {"bean validation", "io.micronaut.validation.", "org.hibernate.validator."},
            new String[] {"controller + core (versions/next)", "io.releasekit.api.version.", "io.releasekit.core."},
            new String[] {"problem/exception handling", "io.releasekit.api.problem."},
            new String[] {"metrics (micrometer + filter)", "io.micronaut.configuration.metrics.", "io.micrometer."},
            new String[] {"logging/MDC", "ch.qos.logback.", "org.slf4j.", "io.releasekit.api.logging."},
            new String[] {"security: Micronaut Security chain", "io.micronaut.security."},
            new String[] {"JSON (serde/jackson)", "io.micronaut.serde.", "com.fasterxml.jackson.", "io.micronaut.json."},
            new String[] {"routing + argument binding", "io.micronaut.web.router.", "io.micronaut.http.bind.",
                "io.micronaut.core.bind.", "io.micronaut.http.server.binding."},
            new String[] {"Micronaut HTTP server + filters", "io.micronaut.http.server.", "io.micronaut.http.filter.",
                "io.micronaut.http.reactive.", "io.micronaut.http."},
            new String[] {"Reactor", "reactor."},
            new String[] {"Netty", "io.netty."});

    /** Layers every stack passes through: they take a sample only when no other layer is on its stack. */
    private static final List<String> PLUMBING =
            List.of("Micronaut HTTP server + filters", "Reactor", "Netty");

    public static void main(String[] args) throws Exception {
        double usPerRequest = args.length > 1 ? Double.parseDouble(args[1]) : 0;
        Map<String, Integer> byLayer = new LinkedHashMap<>();
        for (String[] l : LAYERS) {
            byLayer.put(l[0], 0);
        }
        Map<String, Integer> other = new TreeMap<>();
        Map<String, Integer> leafMethods = new TreeMap<>();
        Map<String, Integer> threads = new TreeMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            String thread = e.getThread("sampledThread").getJavaName().replaceAll("-?[0-9]+$", "");
            threads.merge(thread, 1, Integer::sum);
            List<RecordedFrame> frames = st.getFrames();
            RecordedFrame leaf = frames.get(0);
            leafMethods.merge(name(leaf), 1, Integer::sum);
            String layer = layer(frames);
            if (layer != null) {
                byLayer.merge(layer, 1, Integer::sum);
            } else {
                other.merge(pkg(leaf), 1, Integer::sum);
            }
        }
        System.out.printf("%d execution samples; threads: %s%n", total, threads);
        System.out.printf("%-52s %7s %9s%n", "layer (innermost first)", "share", "us/req");
        final int n = total;
        byLayer.forEach((k, v) -> row(k, v, n, usPerRequest));
        other.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(8)
                .forEach(en -> row("  other: " + en.getKey(), en.getValue(), n, usPerRequest));
        System.out.println("top leaf methods:");
        leafMethods.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(25)
                .forEach(en -> row("  " + en.getKey(), en.getValue(), n, usPerRequest));
        if (args.length > 2) {
            // inclusive share of every frame whose class starts with args[2]
            Map<String, Integer> inclusive = new TreeMap<>();
            for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                    continue;
                }
                List<String> seen = new ArrayList<>();
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    String name = name(f);
                    if (startsWithAny(name, args[2].split(",")) && !seen.contains(name)) {
                        seen.add(name);
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            }
            System.out.println("inclusive, " + args[2] + "*:");
            inclusive.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(60)
                    .forEach(en -> row("  " + en.getKey(), en.getValue(), n, usPerRequest));
        }
    }

    private static String layer(List<RecordedFrame> frames) {
        String plumbing = null;
        boolean pastFilterChain = false;
        for (RecordedFrame f : frames) {
            String c = f.getMethod().getType().getName();
            if (c.startsWith("io.micronaut.http.filter.FilterRunner")
                    || c.startsWith("io.micronaut.http.filter.AroundLegacyFilter")) {
                // a filter's continuation: what is below runs after the filters rootward of here, not inside them
                pastFilterChain = true;
            }
            for (String[] l : LAYERS) {
                if (pastFilterChain && !PLUMBING.contains(l[0])) {
                    continue;
                }
                for (int i = 1; i < l.length; i++) {
                    if (c.startsWith(l[i])) {
                        if (!PLUMBING.contains(l[0])) {
                            return l[0];
                        }
                        if (plumbing == null) {
                            plumbing = l[0];
                        }
                    }
                }
            }
        }
        return plumbing;
    }

    private static boolean startsWithAny(String name, String[] prefixes) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static void row(String what, int count, int total, double usPerRequest) {
        System.out.printf(
                "%-52s %6.1f%% %9.2f%n", what, 100.0 * count / total, usPerRequest * count / Math.max(total, 1));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String pkg(RecordedFrame f) {
        String c = f.getMethod().getType().getName();
        String[] parts = c.split("\\.");
        return parts.length > 3 ? String.join(".", parts[0], parts[1], parts[2]) : c;
    }
}
