package io.gplay.engine.connection;

import net.schmizz.concurrent.Promise;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.UserAuthException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One SSH connection per host, opened once and reused for every command of the run. The modules' state reads
 * ({@link Command#shared}) run in one {@link ProbeShell}; every other command gets a session channel of its own.
 * {@code TCP_NODELAY} is set: without it every command waits ~40 ms on delayed ACKs. A target behind a jump host
 * is reached through a channel of the jump host's connection, which the hosts behind it share ({@link JumpHosts}).
 */
public final class SshConnection implements Connection {
    /**
     * Threads that drain a command's stderr while its stdout is read (an unread stream would stall the
     * channel's window and with it the other stream). Kept and reused, one per running command: the default
     * of {@code supplyAsync} starts a new thread for every command on a machine with two cores (a thousand
     * thread starts for 50 tasks on 20 hosts), and on bigger ones queues these blocking reads in the small
     * common pool behind other hosts' long commands.
     */
    private static final ExecutorService STDERR_READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gplay-stderr");
        t.setDaemon(true);
        return t;
    });

    /** As OpenSSH's ServerAliveCountMax: this many keepalives unanswered and the link is taken for dead. */
    private static final int KEEPALIVES_UNANSWERED = 3;

    private final SSHClient client;
    private final int commandTimeoutSeconds;
    /** Opened at the first shared read; dropped when it fails, and opened again at the next. */
    private volatile ProbeShell probes;
    private final RunningCommands running = new RunningCommands();
    /** Null when the target turned keepalives off. */
    private final ScheduledFuture<?> keepAlive;
    /** This connection's share of its jump host's; null for a direct connection. */
    private final JumpHosts.Lease via;

    private SshConnection(SSHClient client, int commandTimeoutSeconds, ScheduledFuture<?> keepAlive,
                          JumpHosts.Lease via) {
        this.client = client;
        this.commandTimeoutSeconds = commandTimeoutSeconds;
        this.keepAlive = keepAlive;
        this.via = via;
    }

    /**
     * Opens and logs in. All the stages (TCP, the server's banner, key exchange, authentication) together take at
     * most the target's timeout ({@link Handshake}); once in, keepalives tell a dead link from a quiet command.
     * Through a jump host, that host's connection is opened first (or shared), with its own bounds; a failure
     * there names the hop.
     */
    public static SshConnection open(SshTarget target) {
        if (target.jump() == null) {
            return open(target, null);
        }
        JumpHosts.Lease via = JumpHosts.lease(target.jump());
        try {
            return open(target, via);
        } catch (RuntimeException e) {
            via.close();
            throw e;
        }
    }

    private static SshConnection open(SshTarget target, JumpHosts.Lease via) {
        SSHClient client = new SSHClient(SshConfig.SHARED);
        int ms = target.timeoutSeconds() * 1000;
        client.setConnectTimeout(ms);
        client.setTimeout(ms); // the socket's reads: the banner (sshj's reader thread goes on past a timeout)
        client.getTransport().setTimeoutMs(ms); // key exchange, authentication
        client.getConnection().setTimeoutMs(ms); // opening a channel, its requests
        KnownHostsVerifier verifier = null;
        try (Handshake handshake = Handshake.start(client, target, via == null ? null : via.connection)) {
            try {
                verifier = new KnownHostsVerifier(target.knownHosts(), target.address(), target.port(),
                        target.acceptNewHostKeys(), target.hostKeyAlias());
                client.addHostKeyVerifier(verifier);
                client.connect(target.address(), target.port());
                client.getSocket().setTcpNoDelay(true);
                handshake.authenticating();
                login(client, target, handshake);
                handshake.finished();
                return new SshConnection(client, target.commandTimeoutSeconds(), target.keepAliveSeconds() > 0
                        ? KeepAlives.watch(client.getConnection(), target.keepAliveSeconds(), KEEPALIVES_UNANSWERED)
                        : null, via);
            } catch (IllegalStateException e) {
                // sshj's reader thread ended the transport (a failed negotiation) before connect() got to the
                // key exchange, which then finds itself "Not connected": the reason went with that thread
                closeQuietly(client);
                throw handshake.ended() ? handshake.failure(e) : new UnreachableException("the server closed the"
                        + " connection in the key exchange (no cipher, key exchange or host key algorithm in common?)", e);
            } catch (IOException e) {
                UnreachableException failure = verifier != null && verifier.refusal != null
                        ? new UnreachableException(verifier.refusal, e)
                        : handshake.failure(e); // before closing: it names the stage from the client's state
                closeQuietly(client);
                throw failure;
            }
        }
    }

    /** A channel through this connection to {@code host:port}, which this host connects (ssh's -W, -J). */
    ChannelSocket tunnel(String host, int port) throws IOException {
        return ChannelSocket.open(client.getConnection(), host, port);
    }

    /** Whether the connection is still up, so that the hosts behind a jump host can share it. */
    boolean alive() {
        return client.isConnected() && client.getTransport().isRunning();
    }

    /**
     * Whether the host answers a keepalive within {@code millis}: a connection kept between runs is asked before
     * it is used again. Any answer will do (OpenSSH refuses the request, which is an answer).
     */
    boolean answersWithin(int millis) {
        if (!alive()) {
            return false;
        }
        Promise<SSHPacket, ConnectionException> answer;
        try {
            answer = client.getConnection().sendGlobalRequest("keepalive@openssh.com", true, new byte[0]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // polled, not retrieved: sshj logs a refusal it hands to retrieve() as an error
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!answer.isFulfilled() && System.nanoTime() < deadline && alive()) {
            try {
                Thread.sleep(0, 250_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return answer.isFulfilled() && alive();
    }

    /** Ends every connection being opened (Ctrl-C): each fails at once instead of waiting out its timeout. */
    public static void abortOpening() {
        Handshake.abortAll();
    }

    private static void login(SSHClient client, SshTarget target, Handshake handshake) throws IOException {
        try (LoginKeys keys = LoginKeys.of(client, target)) {
            try {
                client.auth(target.user(), keys.methods);
            } catch (UserAuthException e) {
                if (Handshake.timedOut(e) || handshake.ended()) {
                    throw e;
                }
                closeQuietly(client);
                throw new UnreachableException("authentication failed for " + target.user() + "@"
                        + target.address() + " (" + keys.describe() + ")", e);
            }
        }
    }

    @Override
    public ExecResult exec(Command command) {
        if (command.line().indexOf('\0') >= 0) {
            // sshd drops the whole connection over a NUL in a command line ("Broken transport")
            throw new IllegalArgumentException("the command line holds a NUL character (\\0), which no shell"
                    + " command can; it was not sent (is a value NUL-terminated or binary?)");
        }
        if (command.shared()) {
            ExecResult r = probe(command.line(), command.stdin());
            if (r != null) {
                return r;
            }
        }
        return onChannel(command);
    }

    /** The command's result from the probe shell, or null when that shell cannot run it (then a channel will). */
    private ExecResult probe(String line, byte[] stdin) {
        try {
            if (probes == null) {
                probes = ProbeShell.open(client, STDERR_READERS);
            }
            if (!probes.accepts(stdin)) {
                return null;
            }
            return probes.run(line, stdin, commandTimeoutSeconds);
        } catch (CommandTimeout.Expired e) {
            dropProbes();
            throw e; // not run again on a channel: it would wait as long again
        } catch (IOException | RuntimeException e) {
            dropProbes();
            if (transportGone(e)) {
                throw lost(e);
            }
            return null; // e.g. a command ended the shell: reads are safe to run again
        }
    }

    private void dropProbes() {
        ProbeShell broken = probes;
        probes = null;
        if (broken != null) {
            broken.close();
        }
    }

    private ExecResult onChannel(Command command) {
        running.started();
        AtomicLong group = new AtomicLong(-1);
        CommandTimeout timeout = null;
        try (Session session = client.startSession()) {
            timeout = new CommandTimeout(commandTimeoutSeconds, () -> {
                RunningCommands.stop(client, group.get());
                closeQuietly(session);
            });
            Session.Command cmd = session.exec(running.wrap(command.line()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return running.stderrOf(cmd.getErrorStream(), group);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, STDERR_READERS);
            try (OutputStream in = cmd.getOutputStream()) {
                if (command.stdin() != null) {
                    in.write(command.stdin());
                    in.flush();
                }
            }
            String out = readAll(cmd.getInputStream());
            String errText = err.join();
            cmd.join(commandTimeoutSeconds, TimeUnit.SECONDS);
            if (timeout.expired()) {
                throw timeout.failure();
            }
            Integer rc = cmd.getExitStatus();
            if (rc == null && cmd.getExitSignal() != null) {
                errText += (errText.isEmpty() || errText.endsWith("\n") ? "" : "\n") + "killed by signal "
                        + cmd.getExitSignal();
            }
            return new ExecResult(rc == null ? 255 : rc, out, errText);
        } catch (IOException | RuntimeException e) {
            // sshj reports a dead transport in several ways (IOException, "Not connected" IllegalStateException,
            // a wrapped read error); the host is unreachable whenever the transport is gone
            if (transportGone(e)) {
                throw lost(e);
            }
            if (timeout != null && timeout.expired()) {
                throw timeout.failure();
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException("ssh command failed: " + e.getMessage(), e);
        } finally {
            if (timeout != null) {
                timeout.close();
            }
            running.ended();
        }
    }

    /**
     * Whether the connection is gone: a dying transport wakes the channels' readers before it reads as stopped,
     * so a reason to disconnect (a transport's, e.g. keepalives unanswered) in the failure counts as gone too.
     */
    private boolean transportGone(Exception e) {
        return transportGone(e, this::alive);
    }

    /**
     * Whether an exec's failure is its transport's end: a disconnect, sshj's transport broken ("Broken transport;
     * encountered EOF"), or the socket closed beneath it. sshj's reader marks the transport dead a moment after
     * the socket closes, so a command whose host died under it may see that while {@code alive} still says yes:
     * a lost host, not a failed task. (A shell of the host's that ends, with the transport whole, is not one.)
     */
    static boolean transportGone(Throwable e, java.util.function.BooleanSupplier alive) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSHException ssh && ssh.getDisconnectReason() != DisconnectReason.UNKNOWN
                    || t instanceof net.schmizz.sshj.transport.TransportException
                    || t instanceof java.net.SocketException) {
                return true;
            }
        }
        return !alive.getAsBoolean();
    }

    /**
     * The host unreachable: e.g. "connection lost: Did not receive any keep-alive response for 45 seconds", and
     * through which jump host (whose own loss, when it is the cause, ends every channel through it).
     */
    private UnreachableException lost(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String hop = via == null ? "" : " (through jump host " + via.hop().describe() + ")";
        return new UnreachableException("connection lost: " + root.getMessage() + hop, e);
    }

    private static String readAll(java.io.InputStream in) {
        try {
            ByteArrayOutputStream buf = IOUtils.readFully(in);
            return buf.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the connection; a command still running on a channel of it is sent SIGTERM first (Ctrl-C). */
    @Override
    public void close() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        running.stopAll(client);
        closeQuietly(client);
        if (via != null) {
            via.close();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the host may already be gone
        }
    }
}
