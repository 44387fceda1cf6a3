package io.releasekit.core.image;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as Docker and Helm write it: {@code [registry/]repository[:tag][@digest]}, e.g.
 * {@code quay.io/packit/packit-service:stable}, {@code debian:12.5}, {@code ghcr.io/o/a@sha256:...}. The first path
 * component is the registry when it contains a {@code .} or a {@code :} or is {@code localhost}, as in Docker's
 * reference grammar; nothing is normalised ({@code debian} stays {@code debian}, not {@code docker.io/library/debian}).
 *
 * @param registry the registry host (with port), if the reference names one
 * @param repository the repository path
 * @param tag the tag, if any
 * @param digest the digest, if any
 */
public record ImageReference(
        Optional<String> registry, String repository, Optional<String> tag, Optional<ImageDigest> digest) {

    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern REGISTRY =
            Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]{1,5})?|\\[[0-9a-fA-F:]+](?::[0-9]{1,5})?");

    /** Validates the parts. */
    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(digest, "digest");
        if (repository == null
                || repository.length() > 255
                || !REPOSITORY.matcher(repository).matches()) {
            throw new InvalidInputException("'" + Text.printable(String.valueOf(repository), 80)
                    + "' is not a repository name (lowercase path components separated by '/')");
        }
        registry.ifPresent(r -> {
            if (!REGISTRY.matcher(r).matches()) {
                throw new InvalidInputException("'" + Text.printable(r, 80) + "' is not a registry host[:port]");
            }
        });
        tag.ifPresent(t -> {
            if (!TAG.matcher(t).matches()) {
                throw new InvalidInputException("'" + Text.printable(t, 80)
                        + "' is not an image tag (at most 128 of [A-Za-z0-9_.-], not starting with '.' or '-')");
            }
        });
    }

    /**
     * Parses a reference.
     *
     * @throws InvalidInputException naming the text when it is not a reference
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("image reference is empty");
        }
        String rest = text.strip();
        Optional<ImageDigest> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(ImageDigest.of(rest.substring(at + 1)));
            rest = rest.substring(0, at);
        }
        Optional<String> registry = Optional.empty();
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".")
                    || first.contains(":")
                    || first.equals("localhost")
                    || !first.equals(first.toLowerCase())) {
                registry = Optional.of(first);
                rest = rest.substring(slash + 1);
            }
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        try {
            return new ImageReference(registry, rest, tag, digest);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    "'" + Text.printable(text, 120) + "' is not an image reference: " + e.getMessage(), e);
        }
    }

    /** Parses a reference, or answers empty when the text is not one. */
    public static Optional<ImageReference> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
    }

    /** The same reference with another tag. */
    public ImageReference withTag(String newTag) {
        return new ImageReference(registry, repository, Optional.of(newTag), digest);
    }

    @Override
    public String toString() {
        return registry.map(r -> r + "/").orElse("")
                + repository
                + tag.map(t -> ":" + t).orElse("")
                + digest.map(d -> "@" + d).orElse("");
    }
}
