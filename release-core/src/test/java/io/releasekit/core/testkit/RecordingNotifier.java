package io.releasekit.core.testkit;

import io.releasekit.core.ReleaseException;
import io.releasekit.core.notify.Delivery;
import io.releasekit.core.notify.Message;
import io.releasekit.core.notify.Notifier;
import io.releasekit.core.notify.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * An in-memory {@link Notifier} for tests of steps, processes and runners: records posts, dedupes them by idempotency
 * key like a service that honours one, keeps a topic, and fails on demand.
 */
public final class RecordingNotifier implements Notifier {

    private final String name;
    private final String type;
    private final String service;
    private final boolean topics;
    private final Map<String, Delivery> byKey = new LinkedHashMap<>();
    private final List<Message> posted = new ArrayList<>();
    private final List<Topic> topicWrites = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Topic topic = Topic.none();
    private volatile Supplier<? extends ReleaseException> failure;
    private volatile OptionalInt topicLimit = OptionalInt.empty();

    private RecordingNotifier(String name, String type, String service, boolean topics) {
        this.name = name;
        this.type = type;
        this.service = service;
        this.topics = topics;
    }

    /** A channel with a topic (like Slack), guarded as {@code service}. */
    public static RecordingNotifier withTopic(String name, String service) {
        return new RecordingNotifier(name, "slack", service, true);
    }

    /** A channel without a topic (like Mastodon), guarded as {@code service}. */
    public static RecordingNotifier withoutTopic(String name, String service) {
        return new RecordingNotifier(name, "mastodon", service, false);
    }

    /** Makes every later call throw what {@code failure} supplies; {@code null} heals the channel. */
    public RecordingNotifier failWith(Supplier<? extends ReleaseException> failure) {
        this.failure = failure;
        return this;
    }

    /** Makes the channel accept topics of at most {@code characters} (as Slack: 250). */
    public RecordingNotifier topicLimit(int characters) {
        this.topicLimit = OptionalInt.of(characters);
        return this;
    }

    @Override
    public OptionalInt topicLimit() {
        return topicLimit;
    }

    /** Sets the topic without recording a write (the state before a run). */
    public RecordingNotifier topicIs(String text) {
        this.topic = Topic.of(text);
        return this;
    }

    /** Messages actually posted (replays with a known key are not counted). */
    public List<Message> posted() {
        return List.copyOf(posted);
    }

    /** Topics written by {@link #setTopic(Topic)}, in order. */
    public List<Topic> topicWrites() {
        return List.copyOf(topicWrites);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public synchronized Delivery post(Message message, String idempotencyKey) {
        failIfAsked();
        Delivery earlier = byKey.get(idempotencyKey);
        if (earlier != null) {
            return Delivery.found(earlier.ids());
        }
        posted.add(message);
        Delivery d = Delivery.posted(List.of(name + "-" + ids.incrementAndGet()));
        byKey.put(idempotencyKey, d);
        return d;
    }

    @Override
    public boolean supportsTopic() {
        return topics;
    }

    @Override
    public Topic topic() {
        if (!topics) {
            return Notifier.super.topic();
        }
        failIfAsked();
        return topic;
    }

    @Override
    public synchronized Topic setTopic(Topic newTopic) {
        if (!topics) {
            return Notifier.super.setTopic(newTopic);
        }
        failIfAsked();
        Topic previous = topic;
        topic = newTopic;
        topicWrites.add(newTopic);
        return previous;
    }

    private void failIfAsked() {
        Supplier<? extends ReleaseException> f = failure;
        if (f != null) {
            throw f.get();
        }
    }
}
