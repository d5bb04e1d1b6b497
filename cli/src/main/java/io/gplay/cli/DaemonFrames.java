package io.gplay.cli;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client and the daemon say over the socket: frames of a type byte, a length and that many bytes,
 * read and written straight on the channel (its streams from {@code Channels} would block a write while a read
 * waits). Client to daemon: {@link #HELLO} (the protocol's version, the context digest, whether the client's
 * output is a terminal, the arguments), then {@link #SIGNAL} per Ctrl-C. Daemon to client: {@link #ACCEPTED},
 * or {@link #BUSY}, {@link #MISMATCH} or {@link #REFUSED} (then the client runs the command itself), the run's
 * {@link #STDOUT} and {@link #STDERR} bytes, and last its {@link #EXIT} code. bin/gplay's client in Python
 * (cli/src/launcher/daemon-client.py) speaks it too.
 */
final class DaemonFrames {
    static final int VERSION = 1;
    static final byte HELLO = 'H';
    static final byte SIGNAL = 'I';
    /** Instead of a hello ({@code gplay daemon}): say what you are doing, or stop (after the run under way). */
    static final byte STATUS = 'Q';
    static final byte STOP = 'S';
    static final byte ACCEPTED = 'A';
    static final byte BUSY = 'B';
    static final byte MISMATCH = 'M';
    static final byte REFUSED = 'R';
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';
    /** Bigger frames are refused: no argument list or output chunk comes near it. */
    static final int MAX = 16 << 20;

    record Frame(byte type, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Hello(int version, String context, boolean terminal, List<String> args) {
        byte[] bytes() {
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(b);
                out.writeInt(version);
                writeString(out, context);
                out.writeBoolean(terminal);
                out.writeInt(args.size());
                for (String a : args) {
                    writeString(out, a);
                }
                return b.toByteArray();
            } catch (IOException e) {
                throw new IllegalStateException(e); // a byte array does not fail
            }
        }

        static Hello of(byte[] body) throws IOException {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
            int version = in.readInt();
            if (version != VERSION) {
                return new Hello(version, "", false, List.of());
            }
            String context = readString(in);
            boolean terminal = in.readBoolean();
            int n = in.readInt();
            if (n < 0 || n > body.length) {
                throw new IOException("a hello of " + n + " arguments in " + body.length + " bytes");
            }
            List<String> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                args.add(readString(in));
            }
            return new Hello(version, context, terminal, args);
        }

        private static void writeString(DataOutputStream out, String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        private static String readString(DataInputStream in) throws IOException {
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                throw new IOException("a string of " + n + " bytes where " + in.available() + " are left");
            }
            return new String(in.readNBytes(n), StandardCharsets.UTF_8);
        }
    }

    private DaemonFrames() {
    }

    /** Writes one frame whole; {@code lock} keeps the frames of several threads apart. */
    static void write(ByteChannel ch, Object lock, byte type, byte[] body, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + len).put(type).putInt(len).put(body, off, len).flip();
        synchronized (lock) {
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    static void write(ByteChannel ch, Object lock, byte type, byte[] body) throws IOException {
        write(ch, lock, type, body, 0, body.length);
    }

    static void writeExit(ByteChannel ch, Object lock, int code) throws IOException {
        write(ch, lock, EXIT, ByteBuffer.allocate(4).putInt(code).array());
    }

    /** The next frame, or null at the end of the stream. */
    static Frame read(ByteChannel ch) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5);
        if (!fill(ch, head, true)) {
            return null;
        }
        head.flip();
        byte type = head.get();
        int len = head.getInt();
        if (len < 0 || len > MAX) {
            throw new IOException("a frame of " + len + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(len);
        fill(ch, body, false);
        return new Frame(type, body.array());
    }

    private static boolean fill(ByteChannel ch, ByteBuffer b, boolean endAllowed) throws IOException {
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                if (endAllowed && b.position() == 0) {
                    return false;
                }
                throw new EOFException("the other side closed the socket inside a frame");
            }
        }
        return true;
    }

    /** One side of a run's output as frames of {@code type}: sent on every flush, so prompts show at once. */
    static final class Out extends OutputStream {
        private final ByteChannel ch;
        private final Object lock;
        private final byte type;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Out(ByteChannel ch, Object lock, byte type) {
            this.ch = ch;
            this.lock = lock;
            this.type = type;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (pending.size() > 0) {
                byte[] b = pending.toByteArray();
                pending.reset();
                DaemonFrames.write(ch, lock, type, b, 0, b.length);
            }
        }
    }
}
