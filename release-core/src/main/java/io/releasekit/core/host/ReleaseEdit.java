package io.releasekit.core.host;

import io.releasekit.core.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * A change to an existing release; empty parts stay as they are.
 *
 * @param name a new title
 * @param body new notes in Markdown
 * @param draft {@code false} publishes a draft
 */
public record ReleaseEdit(Optional<String> name, Optional<String> body, Optional<Boolean> draft) {

    public ReleaseEdit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(draft, "draft");
        body.ifPresent(b -> {
            if (b.length() > ReleaseSpec.MAX_BODY_LENGTH) {
                throw new InvalidInputException("release notes are " + b.length() + " characters long; GitHub accepts "
                        + ReleaseSpec.MAX_BODY_LENGTH + " at most");
            }
        });
    }

    /** Replaces the notes. */
    public static ReleaseEdit body(String body) {
        return new ReleaseEdit(Optional.empty(), Optional.of(body), Optional.empty());
    }

    /** Publishes a draft. */
    public static ReleaseEdit publish() {
        return new ReleaseEdit(Optional.empty(), Optional.empty(), Optional.of(false));
    }

    /** A copy that also publishes the release (or turns it back into a draft). */
    public ReleaseEdit withDraft(boolean value) {
        return new ReleaseEdit(name, body, Optional.of(value));
    }

    /** Whether this edit changes nothing. */
    public boolean isEmpty() {
        return name.isEmpty() && body.isEmpty() && draft.isEmpty();
    }
}
