package io.gplay.engine.connection;

import javax.net.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The one socket of a connection being opened: its input bounded up to the server's identification line
 * ({@link IdentificationLimit}), and closable from another thread at the handshake's deadline, also before it
 * exists or while it connects. sshj creates it with {@link #createSocket()}.
 */
final class HandshakeSocket extends SocketFactory {
    private final String host;
    private Socket socket;
    private boolean closed;

    HandshakeSocket(String host) {
        this.host = host;
    }

    @Override
    public synchronized Socket createSocket() throws IOException {
        if (closed) {
            throw new IOException("closed before connecting");
        }
        socket = new Socket() {
            private InputStream in;

            @Override
            public synchronized InputStream getInputStream() throws IOException {
                if (in == null) {
                    in = new IdentificationLimit(super.getInputStream(), host);
                }
                return in;
            }
        };
        return socket;
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
    public Socket createSocket(String h, int port) {
        throw new UnsupportedOperationException("sshj connects the socket itself");
    }

    @Override
    public Socket createSocket(String h, int port, InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("sshj connects the socket itself");
    }

    @Override
    public Socket createSocket(InetAddress h, int port) {
        throw new UnsupportedOperationException("sshj connects the socket itself");
    }

    @Override
    public Socket createSocket(InetAddress h, int port, InetAddress localAddress, int localPort) {
        throw new UnsupportedOperationException("sshj connects the socket itself");
    }
}
