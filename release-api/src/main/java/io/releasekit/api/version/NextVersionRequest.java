package io.releasekit.api.version;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.version.Bump;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Asks for the next release number.
 *
 * @param tags existing tag names (e.g. the output of {@code git tag})
 * @param prefix the tag prefix, e.g. {@code release-} or {@code v}; empty when absent
 * @param bump which part to raise; PATCH when absent
 */
@Serdeable
@Schema(
        example =
                "{\"tags\":[\"release-0.1.0\",\"release-0.1.1\",\"v9.0.0\"],\"prefix\":\"release-\",\"bump\":\"PATCH\"}")
public record NextVersionRequest(
        @NotNull @Size(max = 100_000) List<@NotNull @Size(max = 255) String> tags,
        @Nullable @Size(max = 100) String prefix,
        @Nullable @Schema(type = "string") Bump bump) {

    String prefixOrEmpty() {
        return prefix == null ? "" : prefix;
    }

    Bump bumpOrPatch() {
        return bump == null ? Bump.PATCH : bump;
    }
}
