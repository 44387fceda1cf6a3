package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A pull request that puts one text file on a branch of its own, opened against the repository's default branch: a
 * blog post ({@code blog/packit-in-november-2026} with {@code content/posts/packit-in-november-2026.md}). Opening it is
 * idempotent: see {@link ReleaseHost#openPullRequest(FilePullRequest)}.
 *
 * <pre>{@code
 * OpenedPullRequest pr = hosts.get("blog").openPullRequest(new FilePullRequest(
 *         "blog/packit-in-november-2026", "content/posts/packit-in-november-2026.md", markdown,
 *         "Packit in November 2026", "Drafted by releasekit"));
 * }</pre>
 *
 * @param branch the branch created for the pull request, e.g. {@code blog/packit-in-november-2026}
 * @param path the file's path in the repository, without a leading slash
 * @param content the file's text (UTF-8)
 * @param title the pull request's title, also the commit message
 * @param body the pull request's description (may be empty)
 */
public record FilePullRequest(String branch, String path, String content, String title, String body) {

    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._-][A-Za-z0-9._/ -]{0,399}");
    private static final int MAX_CONTENT = 1 << 20;

    public FilePullRequest {
        if (branch == null
                || !BRANCH.matcher(branch).matches()
                || branch.contains("..")
                || branch.contains("//")
                || branch.endsWith("/")
                || branch.endsWith(".lock")) {
            throw new InvalidInputException("pull request branch '" + Text.printable(branch, 80)
                    + "' is refused: letters, digits, '.', '_', '-' and '/' (no '..', '//', trailing '/')");
        }
        if (path == null || !PATH.matcher(path).matches() || path.contains("..") || path.contains("//")) {
            throw new InvalidInputException("pull request file path '" + Text.printable(path, 80)
                    + "' is refused: a relative path of letters, digits, '.', '_', '-', ' ' and '/' (no '..')");
        }
        Objects.requireNonNull(content, "content");
        if (content.getBytes(StandardCharsets.UTF_8).length > MAX_CONTENT) {
            throw new InvalidInputException("pull request file " + path + " is larger than 1 MiB");
        }
        if (title == null || title.isBlank() || title.length() > 256 || title.contains("\n")) {
            throw new InvalidInputException(
                    "pull request title '" + Text.printable(title, 80) + "' is refused: one line, 1-256 characters");
        }
        body = body == null ? "" : body;
    }

    /** The file's content as bytes (UTF-8). */
    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }

    /** The git blob id of the content ({@code sha1("blob <length>\0" + bytes)}), as GitHub's contents API reports it. */
    public String blobSha() {
        byte[] b = bytes();
        try {
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(sha1.digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }
}
