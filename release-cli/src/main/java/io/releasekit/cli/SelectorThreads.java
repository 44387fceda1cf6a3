package io.releasekit.cli;

import java.time.Duration;

/**
 * Ends the JDK HTTP client's selector threads before the tool exits.
 *
 * <p>At exit HotSpot waits, in steps of 10 ms and up to 300 ms, for every thread that is in native code to block
 * ({@code VM_Exit::wait_for_threads_in_native_to_block}). A {@link java.net.http.HttpClient} keeps one such thread,
 * {@code HttpClient-<n>-SelectorManager}, in {@code epoll_wait} for as long as the client lives, and JDK 17 has no
 * {@code HttpClient.close()}: every command that had called the service paid 0.3 s at exit (measured: `releasekit
 * versions next` 0.56 s, of which the JVM's own work ended at 0.23 s). The selector's loop ends when its thread is
 * interrupted, which is what this does once the command has finished and its output is flushed.
 */
final class SelectorThreads {

    private static final Duration JOIN = Duration.ofMillis(100);

    private SelectorThreads() {}

    /** Interrupts the HTTP client selector threads of this JVM and waits briefly for each to end. */
    static void stop() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 8];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager")) {
                t.interrupt();
                try {
                    t.join(JOIN.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
