package io.gplay.engine.connection;

import javax.net.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The one socket of a connection being opened: its input bounded up to the server's identification line
 * ({@link IdentificationLimit}), and closable from another thread at the handshake's deadline, also before it
 * exists or while it connects. sshj creates it with {@link #createSocket()}: a TCP socket, or, through a jump
 * host, a {@link ChannelSocket}.
 */
final class HandshakeSocket extends SocketFactory {
    private final String address;
    private final int port;
    /** The jump host's connection, or null to connect directly. */
    private final SshConnection via;
    private Socket socket;
    private boolean closed;

    HandshakeSocket(String address, int port, SshConnection via) {
        this.address = address;
        this.port = port;
        this.via = via;
    }

    /** Through a jump host, the channel is opened here, outside the lock: {@link #close()} must not wait on it. */
    @Override
    public Socket createSocket() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IOException("closed before connecting");
            }
        }
        Socket s = via == null ? tcp() : via.tunnel(address, port);
        synchronized (this) {
            if (closed) {
                s.close();
                throw new IOException("closed before connecting");
            }
            socket = s;
        }
        return s;
    }

    private Socket tcp() {
        String host = address + ":" + port;
        return new Socket() {
            private InputStream in;

            @Override
            public synchronized InputStream getInputStream() throws IOException {
                if (in == null) {
                    in = new IdentificationLimit(super.getInputStream(), host);
                }
                return in;
            }
        };
    }

    /** Ends the connection at once: a read, or a connect under way, fails. */
    synchronized void close() {
        closed = true;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing it is the point
            }
        }
    }

    @Override
    public Socket createSocket(String h, int p) {
        throw new UnsupportedOperationException("sshj connects the socket itself");
    }

    @Override
    public Socket createSocket(String h, int p, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("sshj connects the socket itself");
    }

    @Override
    public Socket createSocket(InetAddress h, int p) {
        throw new UnsupportedOperationException("sshj connects the socket itself");
    }

    @Override
    public Socket createSocket(InetAddress h, int p, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("sshj connects the socket itself");
    }
}
