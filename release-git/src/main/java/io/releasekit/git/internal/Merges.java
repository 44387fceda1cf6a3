package io.releasekit.git.internal;

import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.merge.ResolveMerger;

/** What a failed in-memory merge reports. */
final class Merges {

    private Merges() {}

    /** The paths that did not merge, sorted. */
    static List<String> conflictingFiles(ResolveMerger merger) {
        TreeSet<String> files = new TreeSet<>(merger.getUnmergedPaths());
        if (merger.getFailingPaths() != null) {
            files.addAll(merger.getFailingPaths().keySet());
        }
        return List.copyOf(files);
    }
}
