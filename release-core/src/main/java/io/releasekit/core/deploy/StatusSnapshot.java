package io.releasekit.core.deploy;

import io.releasekit.core.NotFoundException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment's status endpoint reported in one read: per configured component the text at its JSON pointer (a
 * string as it is, a number or boolean as its JSON text), or nothing when the document has no value there.
 *
 * @param deployment the configured deployment name
 * @param values per component, its value when the document has one there
 */
public record StatusSnapshot(String deployment, Map<String, Optional<String>> values) {

    public StatusSnapshot {
        Objects.requireNonNull(deployment, "deployment");
        Map<String, Optional<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "component"), Objects.requireNonNull(v, k)));
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * The value a component reported.
     *
     * @throws NotFoundException when the deployment has no such component configured
     */
    public Optional<String> value(String component) {
        Optional<String> v = values.get(component);
        if (v == null) {
            throw new NotFoundException("deployment '" + deployment + "' has no component '" + component
                    + "' configured; configured: " + values.keySet());
        }
        return v;
    }
}
