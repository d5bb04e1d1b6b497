package io.gplay.engine.connection;

import net.schmizz.sshj.SSHClient;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * A connection being opened, and how far it got. Each stage waits on the host, bounded by
 * {@code gplay_connect_timeout}; a stage past it is named in the UNREACHABLE message. Ctrl-C does not wait for
 * those bounds: {@link #abortAll} ends every handshake under way.
 */
final class Handshake implements AutoCloseable {
    private static final Set<Handshake> UNDER_WAY = ConcurrentHashMap.newKeySet();

    private final SSHClient client;
    private final SshTarget target;
    private volatile boolean authenticating;
    private volatile boolean aborted;

    private Handshake(SSHClient client, SshTarget target) {
        this.client = client;
        this.target = target;
    }

    static Handshake start(SSHClient client, SshTarget target) {
        Handshake h = new Handshake(client, target);
        UNDER_WAY.add(h);
        return h;
    }

    /** Ends every handshake under way (Ctrl-C): each fails at once, its host unreachable. */
    static void abortAll() {
        for (Handshake h : UNDER_WAY) {
            h.aborted = true;
            try {
                h.client.disconnect();
            } catch (IOException | RuntimeException ignored) {
                // ending it is the point: a failure to say goodbye is fine
            }
        }
    }

    /** Whether Ctrl-C ended this handshake. */
    boolean aborted() {
        return aborted;
    }

    void authenticating() {
        authenticating = true;
    }

    /** Why opening failed at this stage, e.g. "timed out after 10 s waiting for the SSH banner". */
    UnreachableException failure(Exception e) {
        String why = aborted ? "interrupted while opening the connection"
                : timedOut(e) ? "timed out after " + target.timeoutSeconds() + " s " + stage() + " (gplay_connect_timeout)"
                : "failed " + stage() + ": " + e.getMessage();
        return new UnreachableException(why, e);
    }

    private String stage() {
        Socket socket = client.getSocket();
        if (socket == null || !socket.isConnected()) {
            return "connecting to " + target.address() + ":" + target.port();
        }
        if (!bannerReceived()) {
            return "waiting for the SSH banner";
        }
        return authenticating ? "in authentication" : "in the key exchange";
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
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        UNDER_WAY.remove(this);
    }
}
