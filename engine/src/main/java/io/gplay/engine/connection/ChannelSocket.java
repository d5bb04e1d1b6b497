package io.gplay.engine.connection;

import net.schmizz.sshj.connection.Connection;
import net.schmizz.sshj.connection.channel.direct.DirectConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * The socket of a connection made through a jump host: a direct-tcpip channel (RFC 4254, 7.2) of the jump host's
 * connection, which the jump host connects to the target. Handed to sshj as an already connected socket, so that
 * the handshake's bounds ({@link Handshake}) and the identification limit apply as to a TCP socket. The name is
 * resolved by the jump host, as ssh -J does. Closing it does not wait for the jump host's answer: it may be
 * called by the handshake's deadline, which must not hang on a jump host that does not answer.
 */
final class ChannelSocket extends Socket {
    private final Tunnel tunnel;
    private final InputStream in;
    private final int port;
    private volatile boolean closed;

    private ChannelSocket(Tunnel tunnel, int port, String label) throws IOException {
        this.tunnel = tunnel;
        this.in = new IdentificationLimit(tunnel.getInputStream(), label);
        this.port = port;
    }

    /** Asks the jump host to connect to {@code host:port}; waits for its answer up to its connection's timeout. */
    static ChannelSocket open(Connection jump, String host, int port) throws IOException {
        Tunnel t = new Tunnel(jump, host, port);
        t.open();
        return new ChannelSocket(t, port, host + ":" + port);
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return tunnel.getOutputStream();
    }

    @Override
    public boolean isConnected() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** The target's port: sshj checks the host key under it. */
    @Override
    public int getPort() {
        return port;
    }

    @Override
    public void setSoTimeout(int timeout) {
        // a channel's reads have no timeout: the handshake's deadline and the keepalives bound them
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // the jump host's own socket has it
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            tunnel.closeNow();
        }
        super.close();
    }

    private static final class Tunnel extends DirectConnection {
        Tunnel(Connection jump, String host, int port) {
            super(jump, host, port);
        }

        /** Wakes a read under way and asks the jump host to close the channel, without waiting for its answer. */
        void closeNow() {
            closeAllStreams();
            try {
                sendClose();
            } catch (IOException | RuntimeException ignored) {
                // the jump host's connection is gone: so is the channel
            }
        }
    }
}
