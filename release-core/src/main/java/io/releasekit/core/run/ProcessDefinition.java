package io.releasekit.core.run;

import io.releasekit.core.approval.ApprovalPolicy;
import java.util.List;

/**
 * A kind of release process ({@code git.tag}, {@code artifacts.publish}, {@code emergency-publish}, ...): which
 * parameters it takes, which steps it runs, and who must approve it. Library users register definitions with the
 * runner; the REST facade starts them by kind.
 */
public interface ProcessDefinition {

    /** The kind, unique among registered processes, e.g. {@code git.move-branch}. Lower case, dots and dashes. */
    String kind();

    /** One sentence on what the process does. */
    String description();

    /** The parameters the process accepts. */
    ParameterSpec parameters();

    /** The steps of a run with these (validated) parameters, in order. */
    List<Step> steps(RunParameters parameters);

    /** Who must approve a run with these parameters before it starts. */
    default ApprovalPolicy approvalPolicy(RunParameters parameters) {
        return ApprovalPolicy.none();
    }
}
