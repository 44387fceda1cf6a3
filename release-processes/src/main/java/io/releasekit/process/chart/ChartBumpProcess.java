package io.releasekit.process.chart;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.chart.ChartBump;
import io.releasekit.core.chart.ChartBumpResult;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.run.StepContext;
import io.releasekit.core.run.StepOutcome;
import io.releasekit.core.scm.CommitOutcome;
import io.releasekit.core.scm.SourceRepositories;
import io.releasekit.core.scm.SourceRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code chart.bump} (seed 003, "update helm charts" after a component patch release): one step, {@code bump-chart},
 * that sets the chart's version and the image tags of the named components as one commit on a branch of a configured
 * git repository; a dry run reports every change and writes nothing. A chart already at that version with those tags
 * is refused as not higher (the bump is done: nothing to write).
 */
public final class ChartBumpProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "chart.bump";

    private final SourceRepositories repositories;

    /** The process over the configured repositories. */
    public ChartBumpProcess(SourceRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Chart bump: chart version and component image tags as one commit, dry run first (seed 003)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("repository", true, "configured git repository holding the chart")
                .string("chart", true, "chart directory, e.g. charts/sd-core")
                .string("version", true, "the new chart version, SemVer without -dev, e.g. 2.1.4")
                .string("branch", false, "branch to commit on (default main)")
                .strings("images", false, "component=tag pairs, e.g. smf=1.4.3")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        Map<String, String> images = new LinkedHashMap<>();
        for (String pair : p.strings("images")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new InvalidInputException("parameter 'images' takes component=tag pairs, was '" + pair + "'");
            }
            images.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return List.of(new BumpStep(
                repositories.get(p.string("repository")),
                p.optionalString("branch").orElse("main"),
                p.string("chart"),
                p.string("version"),
                images));
    }

    private record BumpStep(
            SourceRepository repo, String branch, String chart, String version, Map<String, String> images)
            implements Step {

        @Override
        public String name() {
            return "bump-chart";
        }

        @Override
        public StepOutcome execute(StepContext ctx) {
            ChartBump bump = ChartBump.of(repo, branch, chart).version(version).dryRun(ctx.dryRun());
            images.forEach(bump::image);
            ChartBumpResult r = bump.call();
            List<String> changes = r.changes().stream()
                    .map(c -> c.file() + " " + c.path() + ": " + c.from() + " -> " + c.to())
                    .toList();
            if (r.commit() instanceof CommitOutcome.Unchanged) {
                return StepOutcome.skipped("chart " + chart + " is already at " + version);
            }
            CommitOutcome.Committed c = (CommitOutcome.Committed) r.commit();
            if (ctx.dryRun()) {
                changes.forEach(ch -> ctx.plan("set " + ch + " on " + branch));
            }
            return StepOutcome.succeeded(
                    (ctx.dryRun() ? "would commit " : "committed ") + changes.size() + " change(s) on " + branch + ": "
                            + String.join("; ", changes),
                    Map.of("commit", c.newHead().value(), "chartVersion", version));
        }
    }
}
