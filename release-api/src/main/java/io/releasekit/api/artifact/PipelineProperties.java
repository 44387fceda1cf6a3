package io.releasekit.api.artifact;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.artifact.promotion.PromotionPipeline;
import io.releasekit.core.artifact.promotion.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code releasekit.pipelines.<name>.stages}: the ordered stages of a promotion pipeline (seed 001), each a configured
 * store and a prefix template ({@code {build}} stands for the build id).
 *
 * <pre>{@code
 * releasekit:
 *   pipelines:
 *     cfn-registry:
 *       stages:
 *         - { name: alpha, store: alpha, prefix: "awscommunity/{build}/" }
 *         - { name: beta,  store: beta,  prefix: "awscommunity/{build}/" }
 *         - { name: prod,  store: prod,  prefix: "awscommunity/{build}/" }
 * }</pre>
 */
@EachProperty("releasekit.pipelines")
public class PipelineProperties {

    private final String name;
    private List<Map<String, Object>> stages = new ArrayList<>();

    public PipelineProperties(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public List<Map<String, Object>> getStages() {
        return stages;
    }

    public void setStages(List<Map<String, Object>> stages) {
        this.stages = stages;
    }

    /** The pipeline these properties describe. */
    public PromotionPipeline toPipeline() {
        List<Stage> out = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Map<String, Object> s = stages.get(i);
            String where = "releasekit.pipelines." + name + ".stages[" + i + "]";
            out.add(new Stage(required(s, "name", where), required(s, "store", where), optional(s, "prefix")));
        }
        return new PromotionPipeline(name, out);
    }

    private static String required(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || v.toString().isBlank()) {
            throw new InvalidInputException(where + "." + key + " is required");
        }
        return v.toString();
    }

    private static String optional(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? "" : v.toString();
    }
}
