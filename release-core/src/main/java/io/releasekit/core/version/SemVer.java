package io.releasekit.core.version;

import com.github.zafarkhaja.semver.Version;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;
import java.util.Objects;
import java.util.Optional;

/**
 * A Semantic Versioning 2.0.0 version: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}. Parsing is strict (no {@code v}
 * prefix, no leading zeros); {@link #compareTo} is SemVer precedence, so build metadata does not order versions, but
 * {@link #equals} still tells {@code 1.0.0+a} from {@code 1.0.0+b}. Backed by java-semver, which passes the
 * specification's precedence examples.
 */
public final class SemVer implements Comparable<SemVer> {

    /** The pre-release label releasekit uses for versions under development ({@code 1.3.0-dev}). */
    public static final String DEV = "dev";

    private final long major;
    private final long minor;
    private final long patch;
    /**
     * The library's version when there is a pre-release part or build metadata; null for a plain {@code
     * MAJOR.MINOR.PATCH}, which is held as its three numbers (the library builds two messages on every construction,
     * and the service reads every tag a request sends; docs/benchmarks.md, session 7).
     */
    private final Version v;

    private SemVer(Version v) {
        this.major = v.majorVersion();
        this.minor = v.minorVersion();
        this.patch = v.patchVersion();
        this.v = v.preReleaseVersion().isPresent() || v.buildMetadata().isPresent() ? v : null;
    }

    private SemVer(long major, long minor, long patch) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.v = null;
    }

    /** The library's version: the held one, or one made for a plain version (compared with a pre-release). */
    private Version version() {
        return v != null ? v : Version.of(major, minor, patch);
    }

    /**
     * Parses a version.
     *
     * @throws InvalidInputException naming the value when it is not SemVer 2.0.0
     */
    public static SemVer parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("version is empty; expected MAJOR.MINOR.PATCH, e.g. 1.2.3");
        }
        if (text.length() > 256) {
            throw new InvalidInputException("version is " + text.length() + " characters long; at most 256 allowed");
        }
        return Version.tryParse(text.strip(), true)
                .filter(x -> text.strip().equals(text))
                .map(SemVer::new)
                .orElseThrow(() -> new InvalidInputException("'" + Text.printable(text, 80)
                        + "' is not a Semantic Versioning 2.0.0 version (expected MAJOR.MINOR.PATCH[-PRE][+BUILD])"));
    }

    /** Parses a version, or answers empty when the text is not one. */
    public static Optional<SemVer> tryParse(String text) {
        if (text == null || text.length() > 256) {
            return Optional.empty();
        }
        SemVer release = plainRelease(text);
        if (release != null) {
            return Optional.of(release);
        }
        return Version.tryParse(text, true).map(SemVer::new);
    }

    /**
     * The version a plain {@code MAJOR.MINOR.PATCH} names (no leading zeros, at most 18 digits a number), read
     * without the general parser; null for any other text, which the general parser then decides. Tags are mostly
     * plain releases, and a service asked for the next version parses every tag it is sent.
     */
    private static SemVer plainRelease(String text) {
        long[] numbers = new long[3];
        int n = 0;
        int i = 0;
        int length = text.length();
        while (n < 3) {
            int start = i;
            long value = 0;
            while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 18 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            numbers[n++] = value;
            if (n < 3) {
                if (i >= length || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == length ? new SemVer(numbers[0], numbers[1], numbers[2]) : null;
    }

    /** A release version {@code major.minor.patch}. */
    public static SemVer of(long major, long minor, long patch) {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new InvalidInputException(
                    "version numbers must not be negative: " + major + "." + minor + "." + patch);
        }
        return new SemVer(major, minor, patch);
    }

    public long major() {
        return major;
    }

    public long minor() {
        return minor;
    }

    public long patch() {
        return patch;
    }

    /** The pre-release part without the dash ({@code rc.1} of {@code 1.0.0-rc.1}). */
    public Optional<String> preRelease() {
        return v == null ? Optional.empty() : v.preReleaseVersion();
    }

    /** The build metadata without the plus sign. */
    public Optional<String> build() {
        return v == null ? Optional.empty() : v.buildMetadata();
    }

    /** Whether this version has a pre-release part. */
    public boolean isPreRelease() {
        return v != null && v.isPreRelease();
    }

    /** Whether this is a {@code -dev} version. */
    public boolean isDev() {
        return preRelease().map(DEV::equals).orElse(false);
    }

    /** The version with the given part raised and the lower parts reset, without pre-release or build. */
    public SemVer bump(Bump bump) {
        return switch (Objects.requireNonNull(bump, "bump")) {
            case MAJOR -> new SemVer(version().nextMajorVersion());
            case MINOR -> new SemVer(version().nextMinorVersion());
            case PATCH -> new SemVer(version().nextPatchVersion());
        };
    }

    /** The same numbers without pre-release and build ({@code 1.3.0-dev} → {@code 1.3.0}). */
    public SemVer release() {
        return v == null ? this : new SemVer(v.toStableVersion());
    }

    /** The same numbers as a {@code -dev} pre-release ({@code 1.3.0} → {@code 1.3.0-dev}). */
    public SemVer dev() {
        return withPreRelease(DEV);
    }

    /** The same numbers with another pre-release part and no build metadata. */
    public SemVer withPreRelease(String preRelease) {
        return parse(major() + "." + minor() + "." + patch() + "-" + preRelease);
    }

    @Override
    public int compareTo(SemVer o) {
        if (v == null && o.v == null) {
            int c = Long.compare(major, o.major);
            if (c == 0) {
                c = Long.compare(minor, o.minor);
            }
            return c != 0 ? c : Long.compare(patch, o.patch);
        }
        return version().compareToIgnoreBuildMetadata(o.version());
    }

    /** Whether this version has higher precedence than {@code o}. */
    public boolean isHigherThan(SemVer o) {
        return compareTo(o) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemVer s
                && major == s.major
                && minor == s.minor
                && patch == s.patch
                && Objects.equals(v, s.v);
    }

    @Override
    public int hashCode() {
        return v != null ? v.hashCode() : Objects.hash(major, minor, patch);
    }

    @Override
    public String toString() {
        return v != null ? v.toString() : major + "." + minor + "." + patch;
    }
}
