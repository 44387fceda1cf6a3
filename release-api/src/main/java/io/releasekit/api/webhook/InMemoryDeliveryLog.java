package io.releasekit.api.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link DeliveryLog} of the most recent delivery ids in memory, the oldest forgotten first. */
public final class InMemoryDeliveryLog implements DeliveryLog {

    private final Map<String, Boolean> seen;

    /** Remembers at most {@code capacity} ids. */
    public InMemoryDeliveryLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized boolean reserve(String deliveryId) {
        return seen.putIfAbsent(deliveryId, Boolean.TRUE) == null;
    }

    @Override
    public synchronized void release(String deliveryId) {
        seen.remove(deliveryId);
    }
}
