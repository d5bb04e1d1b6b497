package io.gplay.engine.connection;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The connections to jump hosts, each shared by the hosts behind it: opened by the first host that needs it
 * (the others wait for it and share its outcome), closed when the last host behind it closes its own. A jump
 * host's connection is one like any other ({@link SshConnection#open}: bounded opening, host key checked,
 * keepalives); one found dead is opened anew for the next host. A failure to reach it is the failure of each
 * host that waited for it, naming the hop.
 */
final class JumpHosts {
    /** The connection to each jump host, by the target it was opened for. */
    private static final Map<SshTarget, Shared> OPEN = new HashMap<>();

    private JumpHosts() {
    }

    /** A share of the connection to {@code hop}, opened now if no live one is; close it when done. */
    static Lease lease(SshTarget hop) {
        Shared shared;
        boolean opener = false;
        synchronized (OPEN) {
            shared = OPEN.get(hop);
            if (shared == null || shared.gone()) {
                shared = new Shared(hop);
                OPEN.put(hop, shared);
                opener = true;
            }
            shared.users++;
        }
        if (opener) {
            try {
                shared.connection.complete(SshConnection.open(hop));
            } catch (RuntimeException e) {
                synchronized (OPEN) {
                    OPEN.remove(hop, shared);
                }
                shared.connection.completeExceptionally(e);
            }
        }
        try {
            return new Lease(shared, shared.connection.join());
        } catch (CompletionException e) {
            release(shared);
            throw new UnreachableException("jump host " + hop.describe() + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void release(Shared shared) {
        boolean last;
        synchronized (OPEN) {
            last = --shared.users == 0;
            if (last) {
                OPEN.remove(shared.hop, shared);
            }
        }
        if (last && shared.connection.isDone() && !shared.connection.isCompletedExceptionally()) {
            shared.connection.join().close();
        }
    }

    private static final class Shared {
        final SshTarget hop;
        final CompletableFuture<SshConnection> connection = new CompletableFuture<>();
        int users;

        Shared(SshTarget hop) {
            this.hop = hop;
        }

        boolean gone() {
            return connection.isDone() && !connection.isCompletedExceptionally() && !connection.join().alive();
        }
    }

    /** One host's share of a jump host's connection. */
    static final class Lease implements AutoCloseable {
        final SshConnection connection;
        private final Shared shared;
        private boolean released;

        private Lease(Shared shared, SshConnection connection) {
            this.shared = shared;
            this.connection = connection;
        }

        SshTarget hop() {
            return shared.hop;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                release(shared);
            }
        }
    }
}
