package io.releasekit.git.internal;

import io.releasekit.git.GitRepositorySettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/** Keeps a repository's remote in line with the configuration releasekit was given. */
public final class RemoteSetup {

    private RemoteSetup() {}

    /** Sets {@code remote.<name>.url} and its fetch refspec when they differ from the settings. */
    public static void ensure(Repository repository, GitRepositorySettings settings) throws IOException {
        String remote = settings.remoteName();
        String url = settings.remoteUrl().orElseThrow();
        StoredConfig config = repository.getConfig();
        String fetch = "+refs/heads/*:refs/remotes/" + remote + "/*";
        if (url.equals(config.getString("remote", remote, "url"))
                && List.of(config.getStringList("remote", remote, "fetch")).contains(fetch)) {
            return;
        }
        config.setString("remote", remote, "url", url);
        config.setString("remote", remote, "fetch", fetch);
        config.save();
    }

    /** After a clone: a local branch for every remote-tracking branch that has none. */
    public static void followTrackingBranches(GitContext ctx) throws IOException {
        String prefix = Constants.R_REMOTES + ctx.settings().remoteName() + "/";
        Map<String, ObjectId> heads = new TreeMap<>();
        for (Ref ref : ctx.repository().getRefDatabase().getRefsByPrefix(prefix)) {
            String branch = ref.getName().substring(prefix.length());
            if (!ref.isSymbolic() && !branch.equals(Constants.HEAD) && ref.getObjectId() != null) {
                heads.put(branch, ref.getObjectId());
            }
        }
        LocalBranches.follow(ctx, heads, false);
    }
}
