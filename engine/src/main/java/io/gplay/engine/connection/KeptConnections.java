package io.gplay.engine.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * SSH connections kept open between the runs of one process, as OpenSSH's ControlPersist keeps a master
 * connection for Ansible: a run's connection to a target goes back here at the run's end, and the next run to
 * the same target (address, port, user, keys, known_hosts, bounds: {@link SshTarget}'s whole record) takes it
 * instead of a new handshake. A kept connection closes after {@code idleSeconds} unused. One taken again must
 * answer a keepalive within {@link #ANSWER_MILLIS} first (a host rebooted or reset in between leaves a link
 * that looks open), or it is closed and a new one opened.
 */
public final class KeptConnections implements AutoCloseable {
    static final int ANSWER_MILLIS = 2000;

    private final int idleSeconds;
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gplay-kept-connections");
        t.setDaemon(true);
        return t;
    });
    /** Idle connections by target; a target may have one (the host's one connection of a run). */
    private final Map<SshTarget, Idle> idle = new HashMap<>();
    /**
     * Connections lent to a run, with their targets; weakly, so that one closed by its run and never given back (its
     * host found unreachable) goes too. SshConnection keeps Object's identity equality.
     */
    private final Map<SshConnection, SshTarget> lent = new WeakHashMap<>();
    /** Once closed (the daemon ends), a connection given back is closed, not kept. */
    private volatile boolean closed;

    private record Idle(SshConnection connection, ScheduledFuture<?> expires) {
    }

    public KeptConnections(int idleSeconds) {
        if (idleSeconds < 1) {
            throw new IllegalArgumentException("connections are kept at least 1 s, got " + idleSeconds);
        }
        this.idleSeconds = idleSeconds;
    }

    /** A kept connection to the target that still answers, else a new one (the handshake's bounds as ever). */
    public SshConnection open(SshTarget target) {
        SshConnection kept = take(target);
        SshConnection c = kept != null ? kept : SshConnection.open(target);
        synchronized (this) {
            lent.put(c, target);
        }
        return c;
    }

    private SshConnection take(SshTarget target) {
        Idle i;
        synchronized (this) {
            i = idle.remove(target);
        }
        if (i == null) {
            return null;
        }
        i.expires().cancel(false);
        if (i.connection().answersWithin(ANSWER_MILLIS)) {
            return i.connection();
        }
        i.connection().close();
        return null;
    }

    /** The run is done with {@code c}: kept for the next run when it is one of these and still up, else closed. */
    public void release(Connection c) {
        SshTarget target;
        synchronized (this) {
            target = lent.remove(c);
        }
        if (target == null || closed || !(c instanceof SshConnection ssh) || !ssh.alive()) {
            c.close();
            return;
        }
        Idle before;
        synchronized (this) {
            if (closed) {
                before = null;
                ssh.close();
            } else {
                ScheduledFuture<?> expires = expiry.schedule(() -> expire(target, ssh), idleSeconds, TimeUnit.SECONDS);
                before = idle.put(target, new Idle(ssh, expires));
            }
        }
        if (before != null) {
            before.expires().cancel(false);
            before.connection().close();
        }
    }

    /** How many connections wait for a run. */
    public synchronized int idleCount() {
        return idle.size();
    }

    private void expire(SshTarget target, SshConnection c) {
        synchronized (this) {
            Idle i = idle.get(target);
            if (i == null || i.connection() != c) {
                return;
            }
            idle.remove(target);
        }
        c.close();
    }

    /** Closes every idle connection; the ones lent out close when they come back. */
    @Override
    public void close() {
        List<Idle> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(idle.values());
            idle.clear();
        }
        all.forEach(i -> {
            i.expires().cancel(false);
            i.connection().close();
        });
        expiry.shutdownNow();
    }
}
