package io.releasekit.process;

import io.releasekit.core.run.ParameterSpec;
import java.util.function.Consumer;

/**
 * The parameter blocks several processes share, declared once so that they are named and described the same in every
 * run kind: {@code ParameterSpec.builder().with(ParameterBlocks.REPOSITORY).with(ParameterBlocks.release("tagPrefix"))}.
 */
public final class ParameterBlocks {

    /** {@code repository} (required): the name of a configured repository; a request never carries a URL or a path. */
    public static final Consumer<ParameterSpec.Builder> REPOSITORY =
            b -> b.string("repository", true, "name of a configured repository");

    private ParameterBlocks() {}

    /**
     * The next release of a repository: {@code tag} (default: the next one after the highest tag with the prefix), the
     * tag prefix under {@code prefixName}, {@code bump} and {@code target}.
     *
     * @param prefixName what the run kind calls its tag prefix ({@code tagPrefix}; {@code prefix} in
     *     {@code github.release})
     */
    public static Consumer<ParameterSpec.Builder> release(String prefixName) {
        return b -> b.string("tag", false, "release tag; default: the next one after the highest tag with the prefix")
                .string(prefixName, false, "tag prefix, e.g. release- or v; default: the repository's configured one")
                .string("bump", false, "PATCH (default), MINOR or MAJOR, when the tag is computed")
                .string("target", false, "branch or commit to release; default main");
    }
}
