package io.gplay.engine.connection;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bound on one command ({@code gplay_command_timeout}). Past it, {@code onExpiry} ends the command (kills it on
 * the host, closes its channel), which ends the command's reads; the command then fails with {@link #failure()}:
 * its task fails on that host, the run goes on.
 */
final class CommandTimeout implements AutoCloseable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final int seconds;
    private final ScheduledFuture<?> expiry;
    private volatile boolean expired;

    CommandTimeout(int seconds, Runnable onExpiry) {
        this.seconds = seconds;
        this.expiry = TIMER.schedule(() -> {
            expired = true;
            // ending a command waits on the host: not on the one timer thread every connection shares
            Thread end = new Thread(onExpiry, "gplay-command-timeout");
            end.setDaemon(true);
            end.start();
        }, seconds, TimeUnit.SECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = Executors.defaultThreadFactory().newThread(r);
            thread.setName("gplay-command-timer");
            thread.setDaemon(true);
            return thread;
        });
        t.setRemoveOnCancelPolicy(true); // a run's thousands of commands leave no timers behind
        return t;
    }

    boolean expired() {
        return expired;
    }

    Expired failure() {
        return new Expired("command timed out after " + seconds + " s (gplay_command_timeout)");
    }

    @Override
    public void close() {
        expiry.cancel(false);
    }

    /** A command ended for running past its time: its task fails, the host stays reachable. */
    static final class Expired extends RuntimeException {
        Expired(String message) {
            super(message);
        }
    }
}
