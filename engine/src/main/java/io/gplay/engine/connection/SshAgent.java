package io.gplay.engine.connection;

import net.schmizz.sshj.common.Buffer;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of the two ssh-agent requests a login needs (draft-miller-ssh-agent): list the keys, sign
 * with one. Every message is a uint32 length, a type byte and the payload; strings are a uint32 length and the
 * bytes. Requests are answered one at a time, in order, so one connection is used by one login at a time.
 */
public final class SshAgent implements Closeable {
    static final byte FAILURE = 5;
    static final byte REQUEST_IDENTITIES = 11;
    static final byte IDENTITIES_ANSWER = 12;
    static final byte SIGN_REQUEST = 13;
    static final byte SIGN_RESPONSE = 14;
    /** Sign-request flags asking for an RSA signature with SHA-256 or SHA-512 instead of SHA-1 (ssh-rsa). */
    static final int RSA_SHA2_256 = 2;
    static final int RSA_SHA2_512 = 4;
    /** OpenSSH's agent refuses longer messages too; a bigger length means the stream is not an agent's. */
    private static final int MAX_MESSAGE = 256 * 1024;

    private final Path socket;
    private final SocketChannel channel;

    private SshAgent(Path socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
    }

    /** Connects to the agent listening on a Unix socket (the path in {@code SSH_AUTH_SOCK}). */
    public static SshAgent open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new SshAgent(socket, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path socket() {
        return socket;
    }

    /** The keys the agent holds, in the agent's order (the order they were added). */
    public synchronized List<AgentIdentity> identities() throws IOException {
        Buffer.PlainBuffer answer = call(new Buffer.PlainBuffer().putByte(REQUEST_IDENTITIES), IDENTITIES_ANSWER);
        try {
            int count = answer.readUInt32AsInt();
            List<AgentIdentity> keys = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                keys.add(new AgentIdentity(answer.readStringAsBytes(), answer.readString()));
            }
            return keys;
        } catch (Buffer.BufferException e) {
            throw new IOException("malformed key list from ssh-agent at " + socket + ": " + e.getMessage(), e);
        }
    }

    /**
     * Signs {@code data} with the agent's key {@code blob}. The answer is the signature in SSH wire format (the
     * algorithm name and the signature bytes, as two strings), ready to go into a userauth request.
     */
    public synchronized byte[] sign(byte[] blob, byte[] data, int flags) throws IOException {
        Buffer.PlainBuffer request = new Buffer.PlainBuffer().putByte(SIGN_REQUEST)
                .putString(blob).putString(data).putUInt32FromInt(flags);
        try {
            return call(request, SIGN_RESPONSE).readStringAsBytes();
        } catch (Buffer.BufferException e) {
            throw new IOException("malformed signature from ssh-agent at " + socket + ": " + e.getMessage(), e);
        }
    }

    /** Sends one request and reads its answer, which must be of type {@code expected}; returns the payload. */
    private Buffer.PlainBuffer call(Buffer.PlainBuffer request, byte expected) throws IOException {
        byte[] body = request.getCompactData();
        ByteBuffer out = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        int length = readFully(4).getInt();
        if (length < 1 || length > MAX_MESSAGE) {
            throw new IOException("ssh-agent at " + socket + " sent a message of " + length + " bytes");
        }
        ByteBuffer message = readFully(length);
        byte type = message.get();
        if (type != expected) {
            // SSH_AGENT_FAILURE, or an extension's failure: the agent does not have the key or refused to use it
            throw new IOException("ssh-agent at " + socket + " refused the request"
                    + (type == FAILURE ? "" : " (answer type " + type + ")"));
        }
        byte[] payload = new byte[message.remaining()];
        message.get(payload);
        return new Buffer.PlainBuffer(payload);
    }

    private ByteBuffer readFully(int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new EOFException("ssh-agent at " + socket + " closed the connection");
            }
        }
        return buf.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
