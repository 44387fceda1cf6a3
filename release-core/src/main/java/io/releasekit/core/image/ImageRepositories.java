package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;
import java.util.Optional;

/** Checks of repository names and references given to the image primitives. */
public final class ImageRepositories {

    private ImageRepositories() {}

    /**
     * Answers {@code repository} when it is a valid repository path.
     *
     * @throws InvalidInputException naming the value otherwise
     */
    public static String check(String repository) {
        try {
            return new ImageReference(Optional.empty(), repository, Optional.empty(), Optional.empty()).repository();
        } catch (InvalidInputException e) {
            throw new InvalidInputException("repository '" + Text.printable(String.valueOf(repository), 80)
                    + "' is not valid: lowercase path components separated by '/', e.g. packit/packit-service");
        }
    }

    /**
     * Answers {@code reference} when it is a tag or a digest.
     *
     * @throws InvalidInputException naming the value otherwise
     */
    public static String checkReference(String reference) {
        if (ImageDigest.isDigest(reference)) {
            return reference;
        }
        return checkTag(reference);
    }

    /**
     * Answers {@code tag} when it is a valid tag.
     *
     * @throws InvalidInputException naming the value otherwise
     */
    public static String checkTag(String tag) {
        if (tag == null || !ImageReference.TAG.matcher(tag).matches()) {
            throw new InvalidInputException("'" + Text.printable(String.valueOf(tag), 80)
                    + "' is not an image tag (at most 128 of [A-Za-z0-9_.-], not starting with '.' or '-')");
        }
        return tag;
    }
}
