package io.releasekit.core.artifact.promotion;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.internal.Prefixes;
import java.util.Objects;

/**
 * One stage of a promotion pipeline and where its builds live: a configured store and a prefix template in which
 * {@code {build}} stands for the build id (without it, the build id is appended as a folder).
 *
 * @param name the stage name, e.g. {@code beta}
 * @param store the name of a configured artifact store
 * @param prefix the prefix template, e.g. {@code awscommunity/{build}/}
 */
public record Stage(String name, String store, String prefix) {

    public Stage {
        GateResult.requireId("stage", name);
        Objects.requireNonNull(store, "store");
        prefix = prefix == null ? "" : prefix;
    }

    /**
     * The location prefix of a build at this stage.
     *
     * @throws InvalidInputException when the build id or the resulting prefix is invalid
     */
    public String prefixFor(String build) {
        GateResult.requireId("build", build);
        String p = prefix.contains("{build}")
                ? prefix.replace("{build}", build)
                : Prefixes.normalize(prefix) + build + "/";
        return Prefixes.normalize(p);
    }
}
