package io.releasekit.core.image;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of checking a Dockerfile's {@code FROM} lines: every line as read, and the findings (empty when every
 * base image is pinned by digest or SemVer tag).
 *
 * @param file the file checked, for messages
 * @param froms every {@code FROM}, in order
 * @param findings the refused ones, each with its line
 */
public record DockerfileReport(String file, List<From> froms, List<Finding> findings) {

    /** Copies the lists. */
    public DockerfileReport {
        Objects.requireNonNull(file, "file");
        froms = List.copyOf(froms);
        findings = List.copyOf(findings);
    }

    /** Whether no finding was made. */
    public boolean ok() {
        return findings.isEmpty();
    }

    /**
     * One {@code FROM}.
     *
     * @param line its line number (1-based; the first line of a continued instruction)
     * @param written the image as written, before {@code ARG} substitution
     * @param image the image after substitution
     * @param stage the stage name it defines ({@code AS name}), if any
     * @param pin how it is pinned; empty for a reference to an earlier stage or {@code scratch}
     */
    public record From(int line, String written, String image, Optional<String> stage, Optional<ImagePin> pin) {
        public From {
            Objects.requireNonNull(written, "written");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(pin, "pin");
        }
    }

    /**
     * A refused {@code FROM}.
     *
     * @param file the file
     * @param line the line number
     * @param image the image after substitution
     * @param reason why it is refused
     */
    public record Finding(String file, int line, String image, String reason) {
        public Finding {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return file + ":" + line + ": " + image + ": " + reason;
        }
    }
}
