package io.releasekit.api.git;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.scm.Identity;
import io.releasekit.git.GitCredentials;
import io.releasekit.git.GitRepositorySettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One configured repository: {@code releasekit.repositories.<name>.*} (environment variables work through
 * Micronaut's usual mapping, e.g. {@code RELEASEKIT_REPOSITORIES_CHARTS_PATH}). Requests name a repository; they
 * never carry a path or a URL.
 *
 * <ul>
 *   <li>{@code path} — the working directory (required); cloned from {@code remote-url} on first use when missing
 *   <li>{@code remote-url}, {@code remote-name} (default {@code origin})
 *   <li>{@code version-file} (default {@code VERSION})
 *   <li>{@code author-name}, {@code author-email} — author and committer of what releasekit writes
 *   <li>{@code remote-username}, {@code remote-password} — HTTPS credentials (a token as password), never shown
 *   <li>{@code timeout} — how long one network operation may stall (default 60s)
 * </ul>
 */
@EachProperty("releasekit.repositories")
public class RepositoryProperties {

    private final String name;
    private String path;
    private String remoteUrl;
    private String remoteName = "origin";
    private String versionFile = "VERSION";
    private String authorName = "releasekit";
    private String authorEmail = "releasekit@localhost";
    private String remoteUsername;
    private String remotePassword;
    private Duration timeout = Duration.ofSeconds(60);

    public RepositoryProperties(@Parameter String name) {
        this.name = name;
    }

    /** The repository's name. */
    public String getName() {
        return name;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getRemoteUrl() {
        return remoteUrl;
    }

    public void setRemoteUrl(String remoteUrl) {
        this.remoteUrl = remoteUrl;
    }

    public String getRemoteName() {
        return remoteName;
    }

    public void setRemoteName(String remoteName) {
        this.remoteName = remoteName;
    }

    public String getVersionFile() {
        return versionFile;
    }

    public void setVersionFile(String versionFile) {
        this.versionFile = versionFile;
    }

    public String getAuthorName() {
        return authorName;
    }

    public void setAuthorName(String authorName) {
        this.authorName = authorName;
    }

    public String getAuthorEmail() {
        return authorEmail;
    }

    public void setAuthorEmail(String authorEmail) {
        this.authorEmail = authorEmail;
    }

    public void setRemoteUsername(String remoteUsername) {
        this.remoteUsername = remoteUsername;
    }

    public void setRemotePassword(String remotePassword) {
        this.remotePassword = remotePassword;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Whether a remote URL is configured. */
    public boolean hasRemote() {
        return remoteUrl != null && !remoteUrl.isBlank();
    }

    /** The adapter settings these properties describe. */
    public GitRepositorySettings toSettings() {
        if (path == null || path.isBlank()) {
            throw new InvalidInputException("releasekit.repositories." + name + ".path is not set");
        }
        GitRepositorySettings.Builder b = GitRepositorySettings.builder(name, Path.of(path))
                .remoteName(remoteName)
                .versionFile(versionFile)
                .identity(new Identity(authorName, authorEmail))
                .timeout(timeout);
        if (hasRemote()) {
            b.remote(remoteName, remoteUrl);
        }
        if (remoteUsername != null && remotePassword != null) {
            b.credentials(new GitCredentials(remoteUsername, remotePassword));
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "RepositoryProperties[" + name + "]";
    }
}
