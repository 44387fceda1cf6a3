package io.releasekit.api.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.ProcessDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A process kind runs can be started of.
 *
 * @param kind the kind, e.g. {@code git.tag}
 * @param description what it does
 * @param parameters the parameters it accepts
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "RunKind")
public record RunKindView(String kind, String description, List<ParameterView> parameters) {

    static RunKindView of(ProcessDefinition d) {
        return new RunKindView(
                d.kind(),
                d.description(),
                d.parameters().params().stream().map(ParameterView::of).toList());
    }

    /**
     * One accepted parameter.
     *
     * @param name its name
     * @param type STRING, BOOLEAN, INTEGER or STRING_LIST
     * @param required whether a run needs it
     * @param description what it means
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "RunKindParameter")
    public record ParameterView(String name, ParameterSpec.Type type, boolean required, @Nullable String description) {

        static ParameterView of(ParameterSpec.Param p) {
            return new ParameterView(p.name(), p.type(), p.required(), p.description());
        }
    }
}
