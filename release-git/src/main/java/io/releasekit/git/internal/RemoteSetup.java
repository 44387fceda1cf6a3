package io.releasekit.git.internal;

import io.releasekit.git.GitRepositorySettings;
import java.io.IOException;
import java.util.List;
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
}
