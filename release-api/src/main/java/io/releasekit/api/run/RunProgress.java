package io.releasekit.api.run;

import io.micronaut.serde.annotation.Serdeable;
import io.releasekit.core.run.RunEvent;

/**
 * How far a step is, as numbers.
 *
 * @param done objects (or items) done so far
 * @param total how many there are in all, -1 when the step does not know
 * @param bytes bytes done so far
 */
@Serdeable
public record RunProgress(long done, long total, long bytes) {

    static RunProgress of(RunEvent e) {
        if (e.type() != RunEvent.Type.STEP_PROGRESS) {
            return null;
        }
        return new RunProgress(number(e, "done", 0), number(e, "total", -1), number(e, "bytes", 0));
    }

    private static long number(RunEvent e, String key, long absent) {
        String v = e.data().get(key);
        try {
            return v == null ? absent : Long.parseLong(v);
        } catch (NumberFormatException ex) {
            return absent;
        }
    }
}
