package io.releasekit.core.scm;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.GitRefNames;
import io.releasekit.core.internal.Text;
import java.util.Optional;

/**
 * Git ref-name rules, as {@code git check-ref-format --branch} applies them, checked before anything is written. On
 * top of git's rules a name is limited to 255 characters, the longest a ref file name can be on common file systems.
 *
 * <p>A short name ({@code main}, {@code release/2.1}, {@code v1.2.3}) is valid when {@code refs/heads/<name>} or
 * {@code refs/tags/<name>} would be a valid ref:
 *
 * <ol>
 *   <li>no component starts with {@code .} or ends with {@code .lock};
 *   <li>no {@code ..}, no <code>@{</code>, not the single character {@code @};
 *   <li>no control character, space, {@code ~ ^ : ? * [ \};
 *   <li>does not start or end with {@code /}, no {@code //}, does not end with {@code .};
 *   <li>does not start with {@code -}.
 * </ol>
 */
public final class RefNames {

    /** The longest ref name releasekit accepts. */
    public static final int MAX_LENGTH = GitRefNames.MAX_LENGTH;

    private RefNames() {}

    /** Why {@code name} is not a valid branch or tag name, or empty when it is valid. */
    public static Optional<String> problem(String name) {
        return GitRefNames.problem(name);
    }

    /** Whether {@code name} is a valid branch name. */
    public static boolean isValidBranchName(String name) {
        return problem(name).isEmpty() && !name.equals("HEAD");
    }

    /** Whether {@code name} is a valid tag name. */
    public static boolean isValidTagName(String name) {
        return problem(name).isEmpty();
    }

    /**
     * Checks a name.
     *
     * @param what what the name is for in the message ({@code "branch name"}, {@code "tag name"})
     * @throws InvalidInputException naming the value and the rule it breaks
     */
    public static String require(String what, String name) {
        Optional<String> problem = problem(name);
        if (problem.isPresent()) {
            throw new InvalidInputException(
                    what + " '" + Text.printable(name, 64) + "' is not a valid git ref name: it " + problem.get());
        }
        return name;
    }
}
