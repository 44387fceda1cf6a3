package io.releasekit.core.notify.internal;

import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Topic;
import io.releasekit.core.service.ServiceGuards;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/** A {@link Notifier} whose posts and topic calls go through the guard of {@link Notifier#service()}. */
public final class GuardedNotifier implements Notifier {

    private final Notifier delegate;
    private final ServiceGuards guards;

    /** Guards {@code delegate}'s calls with {@code guards}. */
    public GuardedNotifier(Notifier delegate, ServiceGuards guards) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.guards = Objects.requireNonNull(guards, "guards");
        guards.register(delegate.service()); // known (listed, metered) from the wiring on, before its first call
    }

    /** The unguarded notifier. */
    public Notifier delegate() {
        return delegate;
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
        return guards.call(service(), () -> delegate.post(message, idempotencyKey));
    }

    @Override
    public List<String> render(Message message) {
        return delegate.render(message);
    }

    @Override
    public OptionalInt topicLimit() {
        return delegate.topicLimit();
    }

    @Override
    public boolean supportsTopic() {
        return delegate.supportsTopic();
    }

    @Override
    public Topic topic() {
        return guards.call(service(), delegate::topic);
    }

    @Override
    public Topic setTopic(Topic topic) {
        return guards.call(service(), () -> delegate.setTopic(topic));
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
