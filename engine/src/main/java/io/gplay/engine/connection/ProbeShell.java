package io.gplay.engine.connection;

import io.gplay.engine.shell.Cmd;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

/**
 * One {@code /bin/sh} kept open on a host for the modules' state reads ({@link Command#shared}):
 * a fresh channel costs the host an sshd session and a login shell, about 5 ms of CPU, this a fork.
 * Each command runs as {@code ( eval LINE )} with standard input from /dev/null (or, for a become password, a
 * here-document ended by the marker, see {@link #accepts}): the subshell keeps what the line
 * does (variables, {@code cd}, {@code exit}, a syntax error) from the shell, as {@code sh -c LINE} would, without
 * the exec of a new shell, which cost the host as much as the read itself. After it the shell prints a marker no
 * command can guess (random per shell) with the exit code on stdout, and the marker on stderr, which is where
 * each stream's output ends.
 */
final class ProbeShell implements AutoCloseable {
    private static final byte[] NEWLINE = {'\n'};

    private final Session session;
    private final Session.Command shell;
    private final OutputStream requests;
    private final byte[] marker;
    private final String markerText;
    /** What follows each command line: no input, then the marker (with the exit code) on both streams. */
    private final String ending;
    private final ExecutorService stderrReaders;

    private ProbeShell(Session session, Session.Command shell, String marker, ExecutorService stderrReaders) {
        this.session = session;
        this.shell = shell;
        this.requests = shell.getOutputStream();
        this.marker = marker.getBytes(StandardCharsets.US_ASCII);
        this.markerText = marker;
        this.ending = " </dev/null; echo \"" + marker + "$?\"; echo '" + marker + "' >&2\n";
        this.stderrReaders = stderrReaders;
    }

    static ProbeShell open(SSHClient client, ExecutorService stderrReaders) throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String marker = "~gplay-" + HexFormat.of().formatHex(random) + "~";
        Session session = client.startSession();
        try {
            return new ProbeShell(session, session.exec("exec /bin/sh"), marker, stderrReaders);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Runs one line; an {@link IOException} means the shell is gone (the caller drops it and retries elsewhere).
     * Past {@code timeoutSeconds} the shell is closed and the read fails with {@link CommandTimeout.Expired}.
     */
    synchronized ExecResult run(String line, int timeoutSeconds) throws IOException {
        return run(line, null, timeoutSeconds);
    }

    /**
     * Whether {@code stdin} can be given to a command of this shell: none, or lines of text (a become password),
     * which travel as a here-document ended by the marker, in the shell's own input and never on a command line.
     */
    boolean accepts(byte[] stdin) {
        if (stdin == null) {
            return true;
        }
        String text = new String(stdin, StandardCharsets.UTF_8);
        return text.endsWith("\n") && text.indexOf('\0') < 0 && !text.contains(markerText)
                && java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), stdin);
    }

    /** As {@link #run(String, int)}, with standard input that {@link #accepts}. */
    synchronized ExecResult run(String line, byte[] stdin, int timeoutSeconds) throws IOException {
        CommandTimeout timeout = new CommandTimeout(timeoutSeconds, this::close);
        try {
            return run(line, stdin);
        } catch (IOException | RuntimeException e) {
            if (timeout.expired()) {
                throw timeout.failure();
            }
            throw e;
        } finally {
            timeout.close();
        }
    }

    private ExecResult run(String line, byte[] stdin) throws IOException {
        String request = stdin == null ? "( eval " + Cmd.quote(line) + " )" + ending
                : "( eval " + Cmd.quote(line) + " ) <<'" + markerText + "'" + ending.substring(" </dev/null".length())
                        + new String(stdin, StandardCharsets.UTF_8) + markerText + "\n";
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return readUntilMarker(shell.getErrorStream(), false).output;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, stderrReaders);
        requests.write(request.getBytes(StandardCharsets.UTF_8));
        requests.flush();
        Framed out = readUntilMarker(shell.getInputStream(), true);
        byte[] errBytes;
        try {
            errBytes = err.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        return new ExecResult(out.rc, new String(out.output, StandardCharsets.UTF_8),
                new String(errBytes, StandardCharsets.UTF_8));
    }

    private record Framed(byte[] output, int rc) {
    }

    /**
     * Reads to the marker (and, on stdout, the exit code and newline after it). Nothing follows the marker
     * before the next request, so reading in blocks never takes the next command's output.
     */
    private Framed readUntilMarker(InputStream in, boolean withRc) throws IOException {
        byte[] buf = new byte[8192];
        int len = 0;
        int at = -1;
        while (true) {
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                throw new EOFException("the host's probe shell ended");
            }
            int from = Math.max(0, len - marker.length);
            len += n;
            if (at < 0) {
                at = indexOf(buf, len, marker, from);
            }
            int nl = at < 0 ? -1 : indexOf(buf, len, NEWLINE, at + marker.length);
            if (nl >= 0) {
                int rc = withRc ? Integer.parseInt(new String(buf, at + marker.length, nl - at - marker.length,
                        StandardCharsets.US_ASCII)) : 0;
                return new Framed(Arrays.copyOf(buf, at), rc);
            }
        }
    }

    private static int indexOf(byte[] hay, int len, byte[] needle, int from) {
        outer:
        for (int i = from; i <= len - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException | RuntimeException ignored) {
            // best effort: the connection may already be gone
        }
    }
}
