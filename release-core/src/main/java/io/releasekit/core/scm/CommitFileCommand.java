package io.releasekit.core.scm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Commits new content of one file (or, with {@link #alsoFile}, several files in one commit) on top of a branch,
 * author and committer being the repository's configured identity. Content equal to what is there answers {@link
 * CommitOutcome.Unchanged}.
 *
 * <pre>{@code
 * repo.setVersion("main", "2.2.0-dev").call();
 * repo.commitFile("main", "docs/RELEASE", "2.1.0\n").message("Record release 2.1.0").call();
 * }</pre>
 */
public abstract class CommitFileCommand extends ScmWriteCommand<CommitOutcome, CommitFileCommand> {

    /** The largest content this command commits. */
    public static final int MAX_BYTES = 1024 * 1024;

    private final BranchName branch;
    private final String path;
    private final byte[] content;
    private final java.util.LinkedHashMap<String, byte[]> more = new java.util.LinkedHashMap<>();
    private String message;

    /**
     * @param branch the branch to commit on, validated at once
     * @param path the file's path in the repository, validated at once
     * @param content the file's new content, UTF-8
     */
    protected CommitFileCommand(String branch, String path, String content) {
        this.branch = BranchName.of(branch);
        this.path = ScmArguments.filePath("file path", path);
        this.content = ScmArguments.required("file content", content).getBytes(StandardCharsets.UTF_8);
        if (this.content.length > MAX_BYTES) {
            throw new io.releasekit.core.InvalidInputException(
                    "file content is " + this.content.length + " bytes; at most " + MAX_BYTES);
        }
    }

    /**
     * Another file to change in the same commit (a chart bump writes {@code Chart.yaml} and {@code values.yaml}
     * together). The outcome names the first file.
     */
    public CommitFileCommand alsoFile(String otherPath, String otherContent) {
        String p = ScmArguments.filePath("file path", otherPath);
        byte[] c = ScmArguments.required("file content", otherContent).getBytes(StandardCharsets.UTF_8);
        if (c.length > MAX_BYTES) {
            throw new io.releasekit.core.InvalidInputException(
                    "file content of '" + p + "' is " + c.length + " bytes; at most " + MAX_BYTES);
        }
        if (p.equals(path) || more.containsKey(p)) {
            throw new io.releasekit.core.InvalidInputException("file '" + p + "' is already part of this commit");
        }
        more.put(p, c);
        return this;
    }

    /** The commit message; {@code Update <path>} by default. */
    public CommitFileCommand message(String message) {
        this.message = ScmArguments.message("commit message", message);
        return this;
    }

    /** The branch to commit on. */
    protected BranchName branch() {
        return branch;
    }

    /** The file's path. */
    protected String path() {
        return path;
    }

    /** The new content. */
    protected byte[] content() {
        return Arrays.copyOf(content, content.length);
    }

    /** Every file of the commit with its new content, the first file first. */
    protected java.util.Map<String, byte[]> files() {
        java.util.LinkedHashMap<String, byte[]> all = new java.util.LinkedHashMap<>();
        all.put(path, content());
        more.forEach((p, c) -> all.put(p, Arrays.copyOf(c, c.length)));
        return all;
    }

    /** The commit message, if one was given. */
    protected Optional<String> message() {
        return Optional.ofNullable(message);
    }
}
