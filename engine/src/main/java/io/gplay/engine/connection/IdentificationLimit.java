package io.gplay.engine.connection;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A server's bytes up to its SSH identification line ({@code SSH-2.0-...}), bounded. RFC 4253 4.2 lets a server
 * send other lines first, each at most 255 bytes; sshj takes any number of any length, and rescans a line for
 * each byte that comes, so a server sending 200 KB without a newline kept it spinning for over a minute. Lines
 * of up to {@link #MAX_LINE} bytes (lenient with servers past the RFC) and {@link #MAX_TOTAL} bytes in all are
 * let through; past the identification line, everything is.
 */
final class IdentificationLimit extends FilterInputStream {
    static final int MAX_LINE = 1024;
    static final int MAX_TOTAL = 64 * 1024;
    private static final byte[] SSH = {'S', 'S', 'H', '-'};

    private final String host;
    private int total;
    private int line;
    private boolean identification = true;
    private boolean done;

    IdentificationLimit(InputStream in, String host) {
        super(in);
        this.host = host;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0 && !done) {
            see((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = 0; i < n && !done; i++) {
            see(buf[off + i]);
        }
        return n;
    }

    private void see(byte b) throws IOException {
        if (line < SSH.length && b != SSH[line]) {
            identification = false;
        }
        total++;
        line++;
        if (b == '\n') {
            done = identification && line > SSH.length;
            identification = true;
            line = 0;
        } else if (line > MAX_LINE) {
            throw new Exceeded(host + " sent a line of more than " + MAX_LINE + " bytes before its SSH"
                    + " identification (is it an SSH server?)");
        }
        if (!done && total > MAX_TOTAL) {
            throw new Exceeded(host + " sent " + MAX_TOTAL / 1024 + " KB without an SSH identification line"
                    + " (is it an SSH server?)");
        }
    }

    /** The server sent too much before its identification; the message names it. */
    static final class Exceeded extends IOException {
        Exceeded(String message) {
            super(message);
        }
    }
}
