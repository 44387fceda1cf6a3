package io.releasekit.git;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.scm.Identity;
import io.releasekit.core.scm.ScmArguments;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach one repository: its name, the working directory, the remote it may be cloned from and pushed to, the
 * VERSION file and the identity of commits and tags. Built with {@link #builder(String, Path)}.
 *
 * <pre>{@code
 * GitRepositorySettings s = GitRepositorySettings.builder("charts", Path.of("/var/lib/releasekit/charts"))
 *         .remote("origin", "https://git.example.com/aether-helm-charts.git")
 *         .versionFile("VERSION")
 *         .identity(new Identity("releasekit", "releasekit@example.com"))
 *         .build();
 * }</pre>
 *
 * @param name the configured name
 * @param directory the working directory (or bare repository) on disk
 * @param remoteName the remote's name, {@code origin} by default
 * @param remoteUrl the remote's URL, if the repository has one; never logged with its user info
 * @param versionFile the VERSION file's path, {@code VERSION} by default
 * @param identity author and committer of what releasekit writes
 * @param credentials user name and password (or token) for the remote, if it needs them
 * @param timeout how long one network operation may stall before it fails
 */
public record GitRepositorySettings(
        String name,
        Path directory,
        String remoteName,
        Optional<String> remoteUrl,
        String versionFile,
        Identity identity,
        Optional<GitCredentials> credentials,
        Duration timeout) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public GitRepositorySettings {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    "repository name '" + name + "' is not valid (letters, digits, '.', '_', '-'; at most 64)");
        }
        Objects.requireNonNull(directory, "directory");
        ScmArguments.remote(remoteName);
        Objects.requireNonNull(remoteUrl, "remoteUrl");
        ScmArguments.filePath("version file", versionFile);
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeout, "timeout");
        directory = directory.toAbsolutePath().normalize();
        remoteUrl = remoteUrl.filter(u -> !u.isBlank());
    }

    /** Starts settings for a repository named {@code name} in {@code directory}. */
    public static Builder builder(String name, Path directory) {
        return new Builder(name, directory);
    }

    /** The remote's URL with any user info replaced by {@code ***}, safe to show. */
    public Optional<String> redactedRemoteUrl() {
        return remoteUrl.map(GitRepositorySettings::redact);
    }

    /** Replaces user info in every URL within {@code text} by {@code ***}. */
    public static String redact(String text) {
        return text == null ? null : text.replaceAll("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]+@", "$1***@");
    }

    @Override
    public String toString() {
        return "GitRepositorySettings[name=" + name + ", directory=" + directory + ", remote=" + remoteName + " "
                + redactedRemoteUrl().orElse("(none)") + ", versionFile=" + versionFile + ", identity=" + identity
                + ", credentials=" + (credentials.isPresent() ? "***" : "none") + ", timeout=" + timeout + "]";
    }

    /** Builds {@link GitRepositorySettings}. */
    public static final class Builder {
        private final String name;
        private final Path directory;
        private String remoteName = "origin";
        private String remoteUrl;
        private String versionFile = "VERSION";
        private Identity identity = Identity.releasekit();
        private GitCredentials credentials;
        private Duration timeout = Duration.ofSeconds(60);

        private Builder(String name, Path directory) {
            this.name = name;
            this.directory = directory;
        }

        /** The remote to clone from and push to. */
        public Builder remote(String remoteName, String remoteUrl) {
            this.remoteName = remoteName;
            this.remoteUrl = remoteUrl;
            return this;
        }

        /** The name of the remote when it is already configured in the repository. */
        public Builder remoteName(String remoteName) {
            this.remoteName = remoteName;
            return this;
        }

        /** The VERSION file's path. */
        public Builder versionFile(String versionFile) {
            this.versionFile = versionFile;
            return this;
        }

        /** Author and committer of what releasekit writes. */
        public Builder identity(Identity identity) {
            this.identity = identity;
            return this;
        }

        /** Credentials for the remote. */
        public Builder credentials(GitCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** How long one network operation may stall. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** Builds the settings. */
        public GitRepositorySettings build() {
            return new GitRepositorySettings(
                    name,
                    directory,
                    remoteName,
                    Optional.ofNullable(remoteUrl),
                    versionFile,
                    identity,
                    Optional.ofNullable(credentials),
                    timeout);
        }
    }
}
