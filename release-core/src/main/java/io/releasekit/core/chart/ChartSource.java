package io.releasekit.core.chart;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.scm.SourceRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a chart's files are read from: a directory on disk, or a directory of a git repository at a revision. Paths
 * are relative, {@code /}-separated, and never leave the source's root.
 */
public interface ChartSource {

    /** A file's content, or empty when it does not exist. */
    Optional<String> read(String path);

    /**
     * The values files of a chart directory: {@code values.yaml} first, then any other {@code values*.yaml} the source
     * can list, sorted.
     */
    List<String> valuesFiles(String chartDir);

    /** A chart directory tree on disk. */
    static ChartSource directory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return new ChartSource() {
            @Override
            public Optional<String> read(String path) {
                Path p = resolve(base, path);
                try {
                    return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public List<String> valuesFiles(String chartDir) {
                Path dir = resolve(base, chartDir);
                if (!Files.isDirectory(dir)) {
                    return List.of();
                }
                try (Stream<Path> s = Files.list(dir)) {
                    return s.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("values") && (n.endsWith(".yaml") || n.endsWith(".yml")))
                            .sorted((a, b) ->
                                    a.equals("values.yaml") ? -1 : b.equals("values.yaml") ? 1 : a.compareTo(b))
                            .map(n -> join(chartDir, n))
                            .toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /**
     * A chart tree in a git repository at a revision. Git cannot list a directory through the port, so the values
     * files are {@code values.yaml} and the {@code extraValues} names (e.g. {@code values-prod.yaml}) where present.
     */
    static ChartSource git(SourceRepository repository, String revision, List<String> extraValues) {
        return new ChartSource() {
            @Override
            public Optional<String> read(String path) {
                return repository.readFile(revision, clean(path));
            }

            @Override
            public List<String> valuesFiles(String chartDir) {
                return Stream.concat(Stream.of("values.yaml"), extraValues.stream())
                        .distinct()
                        .map(n -> join(chartDir, n))
                        .filter(p -> read(p).isPresent())
                        .toList();
            }
        };
    }

    /** {@code dir/name}, or {@code name} for the root. */
    static String join(String dir, String name) {
        String d = clean(dir);
        return clean(d.isEmpty() ? name : d + "/" + name);
    }

    /**
     * A relative path without {@code .} and {@code ..} segments (a sub-chart at {@code file://../common} is a sibling),
     * leading or trailing slashes.
     *
     * @throws InvalidInputException when the path is absolute or leaves the root
     */
    static String clean(String path) {
        if (path == null) {
            throw new InvalidInputException("chart path is missing");
        }
        if (path.startsWith("/") || path.contains("\\") || path.contains("\0")) {
            throw new InvalidInputException("chart path '" + path + "' must be relative, with '/' separators");
        }
        java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
        for (String seg : path.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (segments.isEmpty()) {
                    throw new InvalidInputException("chart path '" + path + "' leaves the chart root");
                }
                segments.removeLast();
            } else {
                segments.addLast(seg);
            }
        }
        return String.join("/", segments);
    }

    private static Path resolve(Path base, String path) {
        Path p = base.resolve(clean(path)).normalize();
        if (!p.startsWith(base)) {
            throw new InvalidInputException("chart path '" + path + "' leaves the chart root");
        }
        return p;
    }
}
