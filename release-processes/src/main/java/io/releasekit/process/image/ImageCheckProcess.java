package io.releasekit.process.image;

import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.releasekit.core.run.RunParameters;
import io.releasekit.core.run.Step;
import io.releasekit.core.scm.SourceRepositories;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code image.check} (seed 003): a gate over Dockerfiles of a configured git repository — every {@code FROM} pinned
 * by digest or SemVer tag. One step, {@code check-dockerfiles}; a failing check fails the run with every finding.
 */
public final class ImageCheckProcess implements ProcessDefinition {

    /** The kind. */
    public static final String KIND = "image.check";

    private final SourceRepositories repositories;

    /** The process over the configured repositories. */
    public ImageCheckProcess(SourceRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String description() {
        return "Dockerfile check: every FROM pinned by digest or SemVer tag, ARG defaults substituted (seed 003)";
    }

    @Override
    public ParameterSpec parameters() {
        return ParameterSpec.builder()
                .string("repository", true, "configured git repository")
                .string("revision", false, "branch, tag or commit to check (default main)")
                .strings("dockerfiles", false, "Dockerfile paths in the repository (default Dockerfile)")
                .strings("refuse", false, "tags refused besides latest, master, main, stable, edge")
                .build();
    }

    @Override
    public List<Step> steps(RunParameters p) {
        List<String> files = p.strings("dockerfiles").isEmpty() ? List.of("Dockerfile") : p.strings("dockerfiles");
        return List.of(new ReleaseCheckStep(
                "check-dockerfiles",
                repositories.get(p.string("repository")),
                Optional.empty(),
                files,
                Optional.empty(),
                List.of(),
                new HashSet<>(p.strings("refuse")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    }
}
