package io.releasekit.core.notify.internal;

import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.protect.PlannedWrite;
import io.releasekit.core.protect.Protection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * A {@link Notifier} whose writes pass the {@link Protection} check first, as stores, repositories and image registries
 * do: a post is the write {@code post channel <name>}, a topic change {@code set-topic channel <name>}. Reads (the
 * topic, rendering a message) go straight through. Every write method goes through one wrapping point, {@link
 * #write(PlannedWrite, Supplier)}.
 */
public final class ProtectedNotifier implements Notifier {

    private final Notifier delegate;
    private final Protection protection;

    /** Protects {@code delegate}; its target is named by {@link Notifier#name()}. */
    public ProtectedNotifier(Notifier delegate, Protection protection) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.protection = Objects.requireNonNull(protection, "protection");
    }

    /** The notifier without protection (guarded when it came from a registry). */
    public Notifier delegate() {
        return delegate;
    }

    /** The write a post of {@code message} is, for a check before several channels post at once. */
    public PlannedWrite postWrite(Message message) {
        return PlannedWrite.post(name(), "post to channel " + name());
    }

    /** The protection this channel's writes pass. */
    public Protection protection() {
        return protection;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public String type() {
        return delegate.type();
    }

    @Override
    public String service() {
        return delegate.service();
    }

    @Override
    public Delivery post(Message message, String idempotencyKey) {
        return write(postWrite(message), () -> delegate.post(message, idempotencyKey));
    }

    @Override
    public List<String> render(Message message) {
        return delegate.render(message);
    }

    @Override
    public boolean supportsTopic() {
        return delegate.supportsTopic();
    }

    @Override
    public Topic topic() {
        return delegate.topic();
    }

    @Override
    public OptionalInt topicLimit() {
        return delegate.topicLimit();
    }

    @Override
    public Topic setTopic(Topic topic) {
        if (!delegate.supportsTopic()) {
            return delegate.setTopic(topic); // refused as a channel without a topic, nothing to protect
        }
        return write(PlannedWrite.topic(name(), "set the topic of channel " + name()), () -> delegate.setTopic(topic));
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** The one wrapping point of every write: checked before, reported to the observers after it happened. */
    private <T> T write(PlannedWrite write, Supplier<T> action) {
        return protection.write(List.of(write), action);
    }

    @Override
    public String toString() {
        return "protected " + delegate;
    }
}
