package io.releasekit.api.github;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.host.CheckRun;
import io.releasekit.core.host.ChecksEvaluation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The checks of a ref right now.
 *
 * @param ref the ref asked for
 * @param sha the commit
 * @param verdict PASSED, FAILED or PENDING
 * @param summary one line naming what failed or is pending
 * @param runs the latest report of each check that counts
 * @param missing required names nothing was reported for yet
 */
@Serdeable
@Schema(name = "CommitChecks")
public record ChecksView(
        String ref, String sha, String verdict, String summary, List<RunView> runs, List<String> missing) {

    /**
     * One check.
     *
     * @param kind WORKFLOW, CHECK or STATUS
     * @param name its name
     * @param status GitHub's status
     * @param conclusion GitHub's conclusion ("" while running)
     * @param state PENDING, PASSED or FAILED
     * @param url its web page
     */
    @Serdeable
    @Schema(name = "CheckRun")
    public record RunView(String kind, String name, String status, String conclusion, String state, String url) {}

    static ChecksView of(ChecksEvaluation e) {
        return new ChecksView(
                e.ref(),
                e.sha(),
                e.verdict().name(),
                e.summary(),
                e.considered().stream().map(ChecksView::run).toList(),
                e.missing());
    }

    private static RunView run(CheckRun r) {
        return new RunView(
                r.kind().name(), r.name(), r.status(), r.conclusion(), r.state().name(), r.url());
    }
}
