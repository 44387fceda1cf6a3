package io.releasekit.core.run.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.releasekit.core.run.RunParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHashTest {

    @Test
    void ignoresKeyOrderAndHowANumberWasTyped() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("tag", "v1");
        a.put("depth", 3);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("depth", 3.0);
        b.put("tag", "v1");

        assertThat(RequestHash.of("git.tag", RunParameters.of(a), false))
                .isEqualTo(RequestHash.of("git.tag", RunParameters.of(b), false))
                .startsWith("sha256:");
    }

    @Test
    void differsWhenKindParametersOrDryRunDiffer() {
        RunParameters p = RunParameters.of(Map.of("tag", "v1"));

        assertThat(RequestHash.of("git.tag", p, false))
                .isNotEqualTo(RequestHash.of("git.tag", p, true))
                .isNotEqualTo(RequestHash.of("git.branch", p, false))
                .isNotEqualTo(RequestHash.of("git.tag", RunParameters.of(Map.of("tag", "v2")), false))
                .isNotEqualTo(RequestHash.of("git.tag", RunParameters.of(Map.of("tag", List.of("v1"))), false));
    }

    @Test
    void rendersACanonicalJsonForm() {
        assertThat(RequestHash.canonical(Map.of("b", List.of("x", "y\""), "a", true, "c", 10L)))
                .isEqualTo("{\"a\":true,\"b\":[\"x\",\"y\\\"\"],\"c\":10}");
    }
}
