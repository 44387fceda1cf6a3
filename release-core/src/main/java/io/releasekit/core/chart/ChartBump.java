package io.releasekit.core.chart;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.chart.internal.YamlTree;
import io.releasekit.core.image.ImageReference;
import io.releasekit.core.image.ImageRepositories;
import io.releasekit.core.scm.CommitFileCommand;
import io.releasekit.core.scm.CommitOutcome;
import io.releasekit.core.scm.SourceRepository;
import io.releasekit.core.version.SemVer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Bumps a chart after a component release (seed 003: "update helm charts"): sets {@code Chart.yaml}'s version and the
 * image tag of each named component in {@code values.yaml}, as one commit through the git port. Only the changed
 * scalars are rewritten; comments, order and layout stay. A component is an image whose YAML path starts with its name
 * ({@code smf.image.tag}), whose ONF-style key is its name ({@code images.tags.smf}), or whose repository's last path
 * component is its name ({@code omecproject/smf}).
 *
 * <pre>{@code
 * ChartBumpResult r = ChartBump.of(repo, "main", "charts/sd-core").version("2.1.4")
 *         .image("smf", "1.2.3").dryRun(true).call();
 * }</pre>
 */
public final class ChartBump {

    private final SourceRepository repository;
    private final String branch;
    private final String chartDir;
    private String version;
    private final Map<String, String> images = new LinkedHashMap<>();
    private boolean dryRun;

    private ChartBump(SourceRepository repository, String branch, String chartDir) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.branch = Objects.requireNonNull(branch, "branch");
        this.chartDir = ChartSource.clean(chartDir);
    }

    /** A bump of the chart in {@code chartDir} on {@code branch}. */
    public static ChartBump of(SourceRepository repository, String branch, String chartDir) {
        return new ChartBump(repository, branch, chartDir);
    }

    /**
     * The new chart version (required): SemVer, without {@code -dev}, higher than the current one (or equal to it,
     * when a bump is run again: then only what still differs is written, and nothing when nothing does).
     *
     * @throws InvalidInputException when it is not SemVer or is a {@code -dev} version
     */
    public ChartBump version(String newVersion) {
        SemVer v = SemVer.parse(newVersion);
        if (v.preRelease().filter(p -> p.contains("dev")).isPresent()) {
            throw new InvalidInputException("chart version '" + newVersion + "' carries -dev; chart versions never do");
        }
        this.version = newVersion;
        return this;
    }

    /** Sets the image tag of a component. */
    public ChartBump image(String component, String tag) {
        if (component == null || component.isBlank()) {
            throw new InvalidInputException("component name is empty");
        }
        images.put(component, ImageRepositories.checkTag(tag));
        return this;
    }

    /** Only report what would change. */
    public ChartBump dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    /**
     * Bumps.
     *
     * @throws InvalidInputException when no version was given, it is not higher than the current one, or a component
     *     has no image in the values
     */
    public ChartBumpResult call() {
        if (version == null) {
            throw new InvalidInputException("a chart bump needs the new version: call version(...)");
        }
        String chartFile = ChartSource.join(chartDir, "Chart.yaml");
        String valuesFile = ChartSource.join(chartDir, "values.yaml");
        YamlTree chart = YamlTree.parse(chartFile, read(chartFile));
        ScalarNode current = chart.scalar("version")
                .orElseThrow(() -> new InvalidInputException("'" + chartFile + "' has no version"));
        boolean same = current.getValue().equals(version);
        if (!same
                && SemVer.tryParse(current.getValue())
                        .filter(c -> SemVer.parse(version).isHigherThan(c))
                        .isEmpty()) {
            throw new InvalidInputException("chart version " + version + " is not higher than the current "
                    + current.getValue() + " in '" + chartFile + "'");
        }
        List<ChartBumpResult.Change> changes = new ArrayList<>();
        if (!same) {
            changes.add(new ChartBumpResult.Change(chartFile, "version", current.getValue(), version));
        }
        String newChart = same ? chart.text() : chart.replace(current, version);
        String values = read(valuesFile);
        for (Map.Entry<String, String> e : images.entrySet()) {
            YamlTree tree = YamlTree.parse(valuesFile, values);
            Edit edit = find(tree, e.getKey(), e.getValue());
            if (!edit.node.getValue().equals(edit.value)) {
                changes.add(new ChartBumpResult.Change(valuesFile, edit.path, edit.node.getValue(), edit.value));
                values = tree.replace(edit.node, edit.value);
            }
        }
        CommitFileCommand commit = repository
                .commitFile(branch, chartFile, newChart)
                .message(message())
                .dryRun(dryRun);
        if (!images.isEmpty()) {
            commit.alsoFile(valuesFile, values);
        }
        CommitOutcome outcome = commit.call();
        return new ChartBumpResult(changes, outcome, dryRun);
    }

    private String message() {
        StringBuilder b = new StringBuilder("Bump chart " + (chartDir.isEmpty() ? "." : chartDir) + " to " + version);
        if (!images.isEmpty()) {
            b.append("\n\n");
            images.forEach((c, t) ->
                    b.append("Image of ").append(c).append(": ").append(t).append('\n'));
        }
        return b.toString().strip();
    }

    private String read(String path) {
        return repository
                .readFile(branch, path)
                .orElseThrow(() -> new InvalidInputException("'" + path + "' does not exist on branch '" + branch
                        + "' of repository '" + repository.name() + "'"));
    }

    private record Edit(String path, ScalarNode node, String value) {}

    private static Edit find(YamlTree tree, String component, String tag) {
        List<Edit> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        tree.visit((path, value) -> {
            String key = path.get(path.size() - 1);
            int n = path.size();
            boolean onf =
                    n >= 3 && path.get(n - 2).equals("tags") && path.get(n - 3).equals("images");
            boolean image = key.equals("image") || onf;
            if (!image) {
                return true;
            }
            if (value instanceof ScalarNode s) {
                Optional<ImageReference> ref = ImageReference.tryParse(s.getValue());
                boolean match = onf
                        ? key.equals(component)
                        : path.get(0).equals(component)
                                || ref.map(r -> last(r.repository()).equals(component))
                                        .orElse(false);
                if (match && ref.isPresent()) {
                    found.add(new Edit(
                            YamlTree.path(path), s, ref.get().withTag(tag).toString()));
                }
            } else if (value instanceof MappingNode m) {
                Optional<String> repo = YamlTree.string(m, "repository");
                boolean match = path.get(0).equals(component)
                        || repo.map(r -> last(r).equals(component)).orElse(false);
                Optional<Node> tagNode = YamlTree.child(m, "tag");
                if (match && tagNode.orElse(null) instanceof ScalarNode t) {
                    found.add(new Edit(YamlTree.path(path) + ".tag", t, tag));
                } else if (match) {
                    seen.add(YamlTree.path(path));
                }
            }
            return false;
        });
        if (found.isEmpty()) {
            throw new InvalidInputException("component '" + component + "' has no image with a tag in '" + tree.file()
                    + "'" + (seen.isEmpty() ? "" : " (" + String.join(", ", seen) + " has no tag field)"));
        }
        if (found.size() > 1) {
            throw new InvalidInputException("component '" + component + "' matches several images in '" + tree.file()
                    + "': " + found.stream().map(Edit::path).toList() + "; name the component by its key");
        }
        return found.get(0);
    }

    private static String last(String repository) {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }
}
