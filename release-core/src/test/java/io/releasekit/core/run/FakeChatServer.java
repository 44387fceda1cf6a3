package io.releasekit.core.run;

import io.releasekit.core.ServiceUnavailableException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat service like Matrix: a message is sent with a client transaction id and sending the same id again returns the
 * first message instead of posting twice. Its availability follows a script (one answer per call), then a default.
 */
final class FakeChatServer {

    /** How the server answers one call. */
    enum Answer {
        /** Posts (or returns the earlier post for a known transaction id). */
        UP,
        /** Fails before doing anything (503). */
        DOWN,
        /** Posts, then the response is lost (a timeout after the write): the client sees a failure. */
        LOST_RESPONSE
    }

    private final String service;
    private final Deque<Answer> script = new ArrayDeque<>();
    private volatile Answer otherwise = Answer.UP;
    private final Map<String, String> posts = new ConcurrentHashMap<>();
    private final List<String> txnIdsSeen = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> delivered = new ConcurrentHashMap<>();

    FakeChatServer(String service) {
        this.service = service;
    }

    synchronized FakeChatServer script(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    FakeChatServer otherwise(Answer answer) {
        this.otherwise = answer;
        return this;
    }

    /** Sends a message with a transaction id, as {@code PUT /rooms/{room}/send/m.room.message/{txnId}}. */
    String send(String txnId, String text) {
        txnIdsSeen.add(txnId);
        Answer answer = next();
        if (answer == Answer.DOWN) {
            throw new ServiceUnavailableException(service, service + " answered 503 Service Unavailable");
        }
        String eventId = posts.computeIfAbsent(txnId, t -> "$event-" + t + ":" + text);
        if (answer == Answer.UP) {
            delivered.merge(txnId, 1, Integer::sum);
        }
        if (answer == Answer.LOST_RESPONSE) {
            throw new ServiceUnavailableException(service, "timed out waiting for " + service + " to answer");
        }
        return eventId;
    }

    private synchronized Answer next() {
        Answer a = script.poll();
        return a == null ? otherwise : a;
    }

    /** Scripted answers not yet given. */
    synchronized int scriptLeft() {
        return script.size();
    }

    /** Messages actually posted, by transaction id. */
    Map<String, String> posts() {
        return Map.copyOf(posts);
    }

    /** How often each transaction id got a successful answer: 1 each means every message went through once. */
    Map<String, Integer> delivered() {
        return Map.copyOf(delivered);
    }

    /** Every transaction id a client sent, in order (retries included). */
    List<String> txnIdsSeen() {
        return txnIdsSeen;
    }
}
