package io.releasekit.core.notify;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.NotFoundException;
import io.releasekit.core.ReleaseException;
import io.releasekit.core.internal.ThreadContext;
import io.releasekit.core.notify.internal.GuardedNotifier;
import io.releasekit.core.notify.internal.ProtectedNotifier;
import io.releasekit.core.protect.Protection;
import io.releasekit.core.service.ServiceGuards;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured channels, by name, and announcing one message to several of them at once. The channels it hands
 * out are guarded: their posts and topic calls go through the channel's service guard, so a caller never wraps a call
 * itself. An announcement posts to each channel concurrently; a channel that fails, times out or whose breaker is open yields a
 * failed {@link ChannelOutcome} and never hides or delays the others' outcomes beyond its own time limit.
 *
 * <pre>{@code
 * Notifiers channels = new Notifiers(List.of(slack, matrix, mastodon), guards);
 * NotifyResult r = channels.announce(List.of("ops-slack", "packit-matrix"), Message.of("Deployed 1.4.0"),
 *         "deploy-1.4.0");
 * }</pre>
 */
public final class Notifiers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private final Map<String, Notifier> byName;

    /**
     * A registry of these notifiers, each guarded by {@code guards}.
     *
     * @throws InvalidInputException when a name is not a valid channel name or appears twice
     */
    public Notifiers(Collection<? extends Notifier> notifiers, ServiceGuards guards) {
        this(notifiers, guards, null);
    }

    /**
     * A registry of these notifiers, each guarded by {@code guards} and protected by {@code protection} (outermost: a
     * refused post or topic change never reaches the guard): a post is the write {@code post channel <name>}, a topic
     * change {@code set-topic channel <name>}.
     *
     * @param protection the protection, or {@code null} for none
     * @throws InvalidInputException when a name is not a valid channel name or appears twice
     */
    public Notifiers(Collection<? extends Notifier> notifiers, ServiceGuards guards, Protection protection) {
        Map<String, Notifier> map = new TreeMap<>();
        for (Notifier n : notifiers) {
            requireValidName(n.name());
            if (map.put(n.name(), decorate(n, guards, protection)) != null) {
                throw new InvalidInputException("channel '" + n.name() + "' is configured twice");
            }
        }
        this.byName = map;
    }

    /**
     * What every channel handed out is wrapped in: the one place a port's calls get their guard and, outermost, their
     * protection check.
     */
    private static Notifier decorate(Notifier notifier, ServiceGuards guards, Protection protection) {
        if (notifier instanceof ProtectedNotifier) {
            return notifier;
        }
        Notifier guarded = notifier instanceof GuardedNotifier ? notifier : new GuardedNotifier(notifier, guards);
        return protection == null ? guarded : new ProtectedNotifier(guarded, protection);
    }

    /** No channels (the application's default when nothing is configured). */
    public static Notifiers empty() {
        return new Notifiers(List.of(), ServiceGuards.withDefaults());
    }

    /**
     * Checks a channel name: 1–63 characters, lower-case letters, digits, {@code .}, {@code _}, {@code -}, starting
     * with a letter or digit. Names become step names, output keys and guard names ({@code webhook:<name>}).
     *
     * @throws InvalidInputException naming the bad value
     */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("'" + abbreviate(name) + "' is not a valid channel name (1-63 characters: "
                    + "a-z, 0-9, '.', '_', '-', starting with a letter or digit)");
        }
        return name;
    }

    /**
     * The channel with this name.
     *
     * @throws NotFoundException naming the configured channels when there is none by that name
     */
    public Notifier get(String name) {
        Notifier n = byName.get(name);
        if (n == null) {
            throw new NotFoundException(
                    "no channel named '" + abbreviate(name) + "' is configured; configured: " + names());
        }
        return n;
    }

    /** The configured channel names, sorted. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** Every configured channel, sorted by name. */
    public List<Notifier> all() {
        return List.copyOf(byName.values());
    }

    /** The channels whose topic can be read and set (Slack Web API, Matrix), sorted by name. */
    public List<Notifier> withTopics() {
        return byName.values().stream().filter(Notifier::supportsTopic).toList();
    }

    /**
     * Resolves channel names to notifiers, refusing unknown names before anything is posted (a typo must not lead to
     * a partial announcement). Duplicates are dropped; order is kept.
     *
     * @throws InvalidInputException when no channel is named
     * @throws NotFoundException naming the first unknown channel
     */
    public List<Notifier> resolve(Collection<String> channels) {
        if (channels == null || channels.isEmpty()) {
            throw new InvalidInputException("name at least one channel; configured: " + names());
        }
        List<Notifier> out = new ArrayList<>();
        for (String c : new LinkedHashSet<>(channels)) {
            out.add(get(c));
        }
        return out;
    }

    /**
     * Posts a message to several channels at once, each through its own guard (the channels are guarded). Never throws for a channel's failure:
     * the result holds one outcome per channel, in the order given.
     *
     * @param channels configured channel names
     * @param message what to post
     * @param idempotencyKey the key of this announcement; each channel posts with {@link #channelKey(String, String)}
     * @throws NotFoundException before posting anything, when a channel name is unknown
     * @throws io.releasekit.core.protect.ApprovalRequiredException before posting anything, when a channel is
     *     protected and the caller does not hold its approvals (a run that did not plan a post is refused the same way)
     */
    public NotifyResult announce(Collection<String> channels, Message message, String idempotencyKey) {
        List<Notifier> targets = resolve(channels);
        refuseUnlessAllMayPost(targets, message);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(targets.size(), 8), r -> {
            Thread t = new Thread(r, "releasekit-announce-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<ChannelOutcome>> futures = targets.stream()
                    .map(t -> CompletableFuture.supplyAsync(
                            ThreadContext.carry((Supplier<ChannelOutcome>)
                                    () -> postOne(t, message, channelKey(idempotencyKey, t.name()))),
                            pool))
                    .toList();
            return new NotifyResult(
                    futures.stream().map(CompletableFuture::join).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The idempotency key one channel posts with when an announcement goes to several channels. */
    public static String channelKey(String idempotencyKey, String channel) {
        return idempotencyKey + ":" + channel;
    }

    /** Closes every notifier. */
    @Override
    public void close() {
        for (Notifier n : byName.values()) {
            try {
                n.close();
            } catch (RuntimeException e) {
                LOG.warn(
                        "closing channel '{}' failed: {}",
                        n.name(),
                        e.getClass().getName());
            }
        }
    }

    /** A partial announcement is worse than none: a refused channel stops it before any channel posts. */
    private static void refuseUnlessAllMayPost(List<Notifier> targets, Message message) {
        for (Notifier t : targets) {
            if (t instanceof ProtectedNotifier p) {
                p.protection().requireAllowed(List.of(p.postWrite(message)));
            }
        }
    }

    private static ChannelOutcome postOne(Notifier n, Message message, String key) {
        try {
            Delivery d = n.post(message, key);
            LOG.info("announced on channel '{}' ({}): {}", n.name(), n.type(), d.ids());
            return ChannelOutcome.delivered(n.name(), d);
        } catch (ReleaseException e) {
            LOG.warn("announcing on channel '{}' failed: {}", n.name(), e.getMessage());
            return ChannelOutcome.failed(n.name(), e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            // adapters translate every failure; this is a bug, reported without the message, which may hold anything
            LOG.warn(
                    "announcing on channel '{}' failed unexpectedly: {}",
                    n.name(),
                    e.getClass().getName());
            return ChannelOutcome.failed(
                    n.name(), "unexpected error " + e.getClass().getName(), false);
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
