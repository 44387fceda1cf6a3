package io.releasekit.git.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;

/** What clone and fetch share: which refs they fetch, and how to read the remote's branches. */
final class Fetching {

    private Fetching() {}

    /**
     * Branches into {@code refs/remotes/<remote>/*}, forced (they mirror the remote); tags into {@code refs/tags/*}
     * without force, so that a local tag is never moved.
     */
    static List<RefSpec> refSpecs(String remote) {
        return List.of(
                new RefSpec("+refs/heads/*:" + Constants.R_REMOTES + remote + "/*"),
                new RefSpec("refs/tags/*:refs/tags/*"));
    }

    /** The advertised branches by short name. */
    static Map<String, ObjectId> heads(Iterable<Ref> advertised) {
        Map<String, ObjectId> heads = new TreeMap<>();
        for (Ref ref : advertised) {
            if (ref.getName().startsWith(Constants.R_HEADS) && ref.getObjectId() != null) {
                heads.put(ref.getName().substring(Constants.R_HEADS.length()), ref.getObjectId());
            }
        }
        return heads;
    }
}
