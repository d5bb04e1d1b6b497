package io.gplay.engine.connection;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One SSH connection per host, opened once and reused for every command of the run. The modules' state reads
 * ({@link Command#shared}) run in one {@link ProbeShell}; every other command gets a session channel of its own.
 * {@code TCP_NODELAY} is set: without it every command waits ~40 ms on delayed ACKs.
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

    private final SSHClient client;
    /** Opened at the first shared read; dropped when it fails, and opened again at the next. */
    private volatile ProbeShell probes;
    private final RunningCommands running = new RunningCommands();

    private SshConnection(SSHClient client) {
        this.client = client;
    }

    public static SshConnection open(SshTarget target) {
        SSHClient client = new SSHClient(SshConfig.SHARED);
        KnownHostsVerifier verifier = null;
        try {
            verifier = new KnownHostsVerifier(target.knownHosts(), target.acceptNewHostKeys());
            client.addHostKeyVerifier(verifier);
            client.setConnectTimeout(target.timeoutSeconds() * 1000);
            client.setTimeout(0);
            client.connect(target.address(), target.port());
            client.getSocket().setTcpNoDelay(true);
            client.getConnection().getKeepAlive().setKeepAliveInterval(15);
            try (LoginKeys keys = LoginKeys.of(client, target)) {
                try {
                    client.auth(target.user(), keys.methods);
                } catch (UserAuthException e) {
                    closeQuietly(client);
                    throw new UnreachableException("authentication failed for " + target.user() + "@"
                            + target.address() + " (" + keys.describe() + ")", e);
                }
            }
            return new SshConnection(client);
        } catch (TransportException e) {
            closeQuietly(client);
            String why = verifier != null && verifier.refusal != null ? verifier.refusal : e.getMessage();
            throw new UnreachableException(why, e);
        } catch (IOException e) {
            closeQuietly(client);
            throw new UnreachableException("cannot connect to " + target.address() + ":" + target.port() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public ExecResult exec(Command command) {
        if (command.shared()) {
            ExecResult r = probe(command.line());
            if (r != null) {
                return r;
            }
        }
        return onChannel(command);
    }

    /** The command's result from the probe shell, or null when that shell cannot run it (then a channel will). */
    private ExecResult probe(String line) {
        try {
            if (probes == null) {
                probes = ProbeShell.open(client, STDERR_READERS);
            }
            return probes.run(line);
        } catch (IOException | RuntimeException e) {
            ProbeShell broken = probes;
            probes = null;
            if (broken != null) {
                broken.close();
            }
            if (!client.isConnected() || !client.getTransport().isRunning()) {
                throw new UnreachableException("connection lost: " + e.getMessage(), e);
            }
            return null; // e.g. a command ended the shell: reads are safe to run again
        }
    }

    private ExecResult onChannel(Command command) {
        running.started();
        try (Session session = client.startSession()) {
            Session.Command cmd = session.exec(running.wrap(command.line()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> {
                try {
                    return running.stderrOf(cmd.getErrorStream());
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
            cmd.join(1, TimeUnit.HOURS);
            Integer rc = cmd.getExitStatus();
            if (rc == null && cmd.getExitSignal() != null) {
                errText += (errText.isEmpty() || errText.endsWith("\n") ? "" : "\n") + "killed by signal "
                        + cmd.getExitSignal();
            }
            return new ExecResult(rc == null ? 255 : rc, out, errText);
        } catch (IOException | RuntimeException e) {
            // sshj reports a dead transport in several ways (IOException, "Not connected" IllegalStateException,
            // a wrapped read error); the host is unreachable whenever the transport is gone
            if (!client.isConnected() || !client.getTransport().isRunning()) {
                throw new UnreachableException("connection lost: " + e.getMessage(), e);
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException("ssh command failed: " + e.getMessage(), e);
        } finally {
            running.ended();
        }
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
        running.stopAll(client);
        closeQuietly(client);
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException ignored) {
            // closing is best effort: the host may already be gone
        }
    }
}
