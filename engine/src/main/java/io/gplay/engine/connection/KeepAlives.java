package io.gplay.engine.connection;

import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.Connection;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.transport.Transport;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keepalives for every connection from one scheduler thread, as OpenSSH's ServerAliveInterval and
 * ServerAliveCountMax: a {@code keepalive@openssh.com} request that wants an answer every interval, and the
 * link taken for dead when {@code unanswered} of them are still waiting. sshj's own keepalive is a thread a
 * connection, sleeping nearly all the time: half of a 500-host run's thousand threads.
 * <p>
 * The request is sent from a shared pool, not the scheduler: a write to a link that died while its socket's
 * buffer was full (a file being sent) blocks, and must not hold up the other hosts' keepalives. A send still
 * blocked at the next interval counts as unanswered.
 */
final class KeepAlives {
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(
            daemon("gplay-keepalive"));
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(daemon("gplay-keepalive-send"));

    private KeepAlives() {
    }

    /** Starts keeping {@code connection} alive until its transport stops or the result is cancelled. */
    static ScheduledFuture<?> watch(Connection connection, int intervalSeconds, int unanswered) {
        Watch watch = new Watch(connection, intervalSeconds, unanswered);
        synchronized (watch) {
            watch.self = SCHEDULER.scheduleWithFixedDelay(watch, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        }
        return watch.self;
    }

    private static final class Watch implements Runnable {
        private final Connection connection;
        private final int intervalSeconds;
        private final int unanswered;
        /** Requests sent and not yet answered, oldest first; only the scheduler thread and one send touch it. */
        private final Queue<Promise<SSHPacket, ConnectionException>> waiting = new ArrayDeque<>();
        private final AtomicBoolean sending = new AtomicBoolean();
        private int blockedSends;
        private ScheduledFuture<?> self;

        Watch(Connection connection, int intervalSeconds, int unanswered) {
            this.connection = connection;
            this.intervalSeconds = intervalSeconds;
            this.unanswered = unanswered;
        }

        @Override
        public synchronized void run() {
            Transport transport = connection.getTransport();
            if (!transport.isRunning()) {
                self.cancel(false);
                return;
            }
            synchronized (waiting) {
                while (!waiting.isEmpty() && waiting.peek().isFulfilled()) {
                    waiting.remove();
                }
                blockedSends = sending.get() ? blockedSends + 1 : 0;
                if (waiting.size() + blockedSends >= unanswered) {
                    transport.die(new ConnectionException(DisconnectReason.CONNECTION_LOST,
                            "Did not receive any keep-alive response for " + unanswered * intervalSeconds + " seconds"));
                    self.cancel(false);
                    return;
                }
            }
            if (sending.compareAndSet(false, true)) {
                SENDERS.execute(this::send);
            }
        }

        private void send() {
            try {
                Promise<SSHPacket, ConnectionException> answer =
                        connection.sendGlobalRequest("keepalive@openssh.com", true, new byte[0]);
                synchronized (waiting) {
                    waiting.add(answer);
                }
            } catch (Exception e) {
                connection.getTransport().die(e); // the write failed: the link is gone
            } finally {
                sending.set(false);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
