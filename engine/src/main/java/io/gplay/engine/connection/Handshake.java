package io.gplay.engine.connection;

import net.schmizz.sshj.SSHClient;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection being opened, and how far it got. The whole of it (TCP, banner, key exchange, authentication) is
 * bounded by {@code gplay_connect_timeout}: at that deadline its socket is closed, as sshj's own timeouts bound
 * each read and wait, not the stage (a banner dripped a byte a second held it for 23 s past a 3 s timeout). The
 * stage it was in is named in the UNREACHABLE message. Ctrl-C does not wait for the deadline: {@link #abortAll}
 * ends every handshake under way.
 */
final class Handshake implements AutoCloseable {
    private static final Set<Handshake> UNDER_WAY = ConcurrentHashMap.newKeySet();
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final SSHClient client;
    private final SshTarget target;
    private final HandshakeSocket socket;
    private final ScheduledFuture<?> deadline;
    private volatile boolean authenticating;
    private volatile boolean aborted;
    private volatile boolean expired;
    private boolean finished;

    private Handshake(SSHClient client, SshTarget target, SshConnection via) {
        this.client = client;
        this.target = target;
        this.socket = new HandshakeSocket(target.address(), target.port(), via);
        client.setSocketFactory(socket);
        this.deadline = DEADLINES.schedule(this::expire, target.timeoutSeconds(), TimeUnit.SECONDS);
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gplay-connect-deadline");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return e;
    }

    /**
     * Starts the handshake's clock: {@code client} must not have connected yet; {@code via} is the jump host's
     * connection, or null.
     */
    static Handshake start(SSHClient client, SshTarget target, SshConnection via) {
        Handshake h = new Handshake(client, target, via);
        UNDER_WAY.add(h);
        return h;
    }

    private synchronized void expire() {
        if (!finished) {
            expired = true;
            socket.close();
        }
    }

    /** Logged in: the deadline no longer applies; or, when it came first, the timeout (the socket is closed). */
    synchronized void finished() throws SocketTimeoutException {
        if (expired) {
            throw new SocketTimeoutException("the connection was not opened within its deadline");
        }
        finished = true;
        deadline.cancel(false);
    }

    /** Ends every handshake under way (Ctrl-C): each fails at once, its host unreachable. */
    static void abortAll() {
        for (Handshake h : UNDER_WAY) {
            h.aborted = true;
            h.socket.close();
            try {
                h.client.disconnect();
            } catch (IOException | RuntimeException ignored) {
                // ending it is the point: a failure to say goodbye is fine
            }
        }
    }

    /** Whether Ctrl-C or the deadline ended this handshake. */
    boolean ended() {
        return aborted || expired;
    }

    void authenticating() {
        authenticating = true;
    }

    /** Why opening failed at this stage, e.g. "timed out after 10 s waiting for the SSH banner". */
    UnreachableException failure(Exception e) {
        IdentificationLimit.Exceeded junk = cause(e, IdentificationLimit.Exceeded.class);
        String why = aborted ? "interrupted while opening the connection"
                : expired || timedOut(e) ? "timed out after " + target.timeoutSeconds() + " s " + stage()
                + " (gplay_connect_timeout)"
                : junk != null ? junk.getMessage()
                : "failed " + stage() + ": " + e.getMessage();
        return new UnreachableException(why, e);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private String stage() {
        Socket socket = client.getSocket();
        if (socket == null || !socket.isConnected()) {
            return "connecting to " + target.address() + ":" + target.port()
                    + (target.jump() == null ? "" : " through jump host " + target.jump().describe());
        }
        if (!bannerReceived()) {
            return "waiting for the SSH banner from " + target.address() + ":" + target.port();
        }
        return (authenticating ? "in authentication on " : "in the key exchange with ") + target.address() + ":"
                + target.port();
    }

    private boolean bannerReceived() {
        try {
            return client.getTransport().getServerVersion() != null;
        } catch (StringIndexOutOfBoundsException e) {
            return false; // sshj's banner still empty, being read
        }
    }

    /** sshj reports a read past the socket's timeout and a wait past its own in several wrappings. */
    static boolean timedOut(Throwable e) {
        return cause(e, SocketTimeoutException.class) != null || cause(e, TimeoutException.class) != null;
    }

    @Override
    public void close() {
        deadline.cancel(false);
        UNDER_WAY.remove(this);
    }
}
