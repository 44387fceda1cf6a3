package io.releasekit.core.chart;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.chart.internal.YamlTree;
import io.releasekit.core.image.ImagePin;
import io.releasekit.core.image.ImageReference;
import io.releasekit.core.version.SemVer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Checks a Helm chart and its sub-charts (seed 003: "each chart may only contain references to released, SemVer tagged
 * container images"; chart versions never carry {@code -dev}). For every chart: {@code Chart.yaml}'s {@code version}
 * must be SemVer without {@code -dev}, its {@code appVersion} SemVer; every image reference in its {@code values*.yaml}
 * is classified with file and YAML path, and one not pinned by SemVer tag or digest is a finding.
 *
 * <p>Image references are recognised in the styles real charts use: {@code image: repo:tag} strings, {@code image:
 * {registry, repository, tag, digest}} maps (an empty tag means the chart's {@code appVersion}, Helm's convention), and
 * ONF-style {@code images: {tags: {name: repo:tag}}}. Sub-charts are the {@code dependencies} of {@code Chart.yaml},
 * found at their {@code file://} path or under {@code charts/<name>}.
 */
public final class ChartCheck {

    private static final int MAX_DEPTH = 8;

    private final Set<String> moving;

    private ChartCheck(Set<String> moving) {
        this.moving = Set.copyOf(moving);
    }

    /** The check refusing {@link ImagePin#DEFAULT_MOVING}. */
    public static ChartCheck defaults() {
        return new ChartCheck(Set.of());
    }

    /** A copy that also refuses these tags. */
    public ChartCheck refusing(Set<String> tags) {
        Set<String> m = new HashSet<>(moving);
        m.addAll(tags);
        return new ChartCheck(m);
    }

    /**
     * Checks the chart in {@code chartDir} of {@code source} and its sub-charts.
     *
     * @throws InvalidInputException when there is no {@code Chart.yaml} there, or a file is not YAML
     */
    public ChartReport check(ChartSource source, String chartDir) {
        List<String> charts = new ArrayList<>();
        List<ImageUse> images = new ArrayList<>();
        List<ChartFinding> findings = new ArrayList<>();
        String dir = ChartSource.clean(chartDir);
        if (source.read(ChartSource.join(dir, "Chart.yaml")).isEmpty()) {
            throw new InvalidInputException("no Chart.yaml in chart directory '" + (dir.isEmpty() ? "." : dir) + "'");
        }
        chart(source, dir, 0, new HashSet<>(), charts, images, findings);
        return new ChartReport(charts, images, findings);
    }

    /** The image references of one values file (no sub-charts, no findings). */
    public static List<ImageUse> images(String file, String yaml, Optional<String> appVersion, Set<String> moving) {
        List<ImageUse> out = new ArrayList<>();
        collect(YamlTree.parse(file, yaml), appVersion, moving, out);
        return out;
    }

    private void chart(
            ChartSource source,
            String dir,
            int depth,
            Set<String> seen,
            List<String> charts,
            List<ImageUse> images,
            List<ChartFinding> findings) {
        if (depth > MAX_DEPTH || !seen.add(dir)) {
            return;
        }
        String chartFile = ChartSource.join(dir, "Chart.yaml");
        Optional<String> text = source.read(chartFile);
        if (text.isEmpty()) {
            findings.add(new ChartFinding(ChartFinding.Kind.FILE, chartFile, "", 0, "", "Chart.yaml is missing"));
            return;
        }
        YamlTree chart = YamlTree.parse(chartFile, text.get());
        Optional<ScalarNode> version = chart.scalar("version");
        Optional<ScalarNode> appVersion = chart.scalar("appVersion");
        String name = chart.scalar("name").map(ScalarNode::getValue).orElse("?");
        charts.add(
                name + "@" + version.map(ScalarNode::getValue).orElse("?") + " (" + (dir.isEmpty() ? "." : dir) + ")");
        checkVersion(chartFile, version).ifPresent(findings::add);
        appVersion
                .filter(v -> SemVer.tryParse(strip(v.getValue())).isEmpty())
                .ifPresent(v -> findings.add(new ChartFinding(
                        ChartFinding.Kind.APP_VERSION,
                        chartFile,
                        "appVersion",
                        YamlTree.line(v),
                        v.getValue(),
                        "appVersion is not a SemVer version")));
        Optional<String> app = appVersion.map(ScalarNode::getValue);
        for (String valuesFile : source.valuesFiles(dir)) {
            List<ImageUse> uses = new ArrayList<>();
            collect(YamlTree.parse(valuesFile, source.read(valuesFile).orElse("")), app, moving, uses);
            for (ImageUse u : uses) {
                images.add(u);
                if (!u.pin().accepted()) {
                    findings.add(new ChartFinding(
                            ChartFinding.Kind.IMAGE,
                            u.file(),
                            u.path(),
                            u.line(),
                            u.written(),
                            u.reference().map(r -> ImagePin.refusal(r, u.pin())).orElse("not an image reference")));
                }
            }
        }
        chart.root().flatMap(r -> YamlTree.child(r, "dependencies")).ifPresent(deps -> {
            if (deps instanceof SequenceNode s) {
                for (Node d : s.getValue()) {
                    YamlTree.string(d, "name")
                            .ifPresent(n ->
                                    chart(source, subchartDir(dir, d, n), depth + 1, seen, charts, images, findings));
                }
            }
        });
    }

    private static String subchartDir(String dir, Node dependency, String name) {
        Optional<String> repo = YamlTree.string(dependency, "repository");
        if (repo.isPresent() && repo.get().startsWith("file://")) {
            return ChartSource.join(dir, repo.get().substring("file://".length()));
        }
        return ChartSource.join(dir, "charts/" + name);
    }

    /** The finding for a chart version that is missing, not SemVer, or a {@code -dev} version. */
    static Optional<ChartFinding> checkVersion(String chartFile, Optional<ScalarNode> version) {
        if (version.isEmpty()) {
            return Optional.of(new ChartFinding(
                    ChartFinding.Kind.CHART_VERSION, chartFile, "version", 0, "", "Chart.yaml has no version"));
        }
        String v = version.get().getValue();
        Optional<SemVer> semver = SemVer.tryParse(v);
        String problem = semver.isEmpty()
                ? "the chart version is not a SemVer version"
                : semver.get()
                        .preRelease()
                        .filter(p -> p.equals("dev") || p.startsWith("dev.") || p.contains("-dev") || p.endsWith("dev"))
                        .map(p -> "chart versions never carry -dev: every published chart version must be unique")
                        .orElse(null);
        return Optional.ofNullable(problem)
                .map(p -> new ChartFinding(
                        ChartFinding.Kind.CHART_VERSION, chartFile, "version", YamlTree.line(version.get()), v, p));
    }

    private static void collect(YamlTree tree, Optional<String> appVersion, Set<String> moving, List<ImageUse> out) {
        tree.visit((path, value) -> {
            String key = path.get(path.size() - 1);
            int n = path.size();
            boolean onfTags =
                    n >= 3 && path.get(n - 2).equals("tags") && path.get(n - 3).equals("images");
            if (value instanceof ScalarNode s && (key.equals("image") || onfTags)) {
                if (!s.getValue().isBlank()) {
                    out.add(use(tree.file(), path, YamlTree.line(s), s.getValue(), false, moving));
                }
                return false;
            }
            if (value instanceof MappingNode m
                    && key.equals("image")
                    && YamlTree.string(m, "repository").isPresent()) {
                out.add(fromMap(tree.file(), path, m, appVersion, moving));
                return false;
            }
            return true;
        });
    }

    private static ImageUse fromMap(
            String file, List<String> path, MappingNode m, Optional<String> appVersion, Set<String> moving) {
        String repo = YamlTree.string(m, "repository").orElseThrow();
        Optional<String> registry = YamlTree.string(m, "registry");
        Optional<String> tag = YamlTree.string(m, "tag");
        Optional<String> digest = YamlTree.string(m, "digest");
        boolean fromApp = tag.isEmpty() && digest.isEmpty() && appVersion.isPresent();
        Optional<String> effectiveTag = fromApp ? appVersion : tag;
        String written = registry.map(r -> r + "/").orElse("")
                + repo
                + effectiveTag.map(t -> ":" + t).orElse("")
                + digest.map(d -> "@" + d).orElse("");
        Node at = YamlTree.child(m, "tag").orElse(m);
        return use(file, path, YamlTree.line(at), written, fromApp, moving);
    }

    private static ImageUse use(
            String file, List<String> path, int line, String written, boolean fromApp, Set<String> moving) {
        Optional<ImageReference> ref = ImageReference.tryParse(written);
        ImagePin pin = ref.map(r -> ImagePin.of(r, moving)).orElse(ImagePin.OTHER);
        return new ImageUse(file, YamlTree.path(path), line, written, ref, pin, fromApp);
    }

    private static String strip(String v) {
        return v.startsWith("v") ? v.substring(1) : v;
    }
}
