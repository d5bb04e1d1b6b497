package io.gplay.tests

/**
 * A host that accepts TCP connections and then says nothing, or only its SSH banner: what a hung sshd or a
 * wedged middlebox looks like to a client.
 */
class SilentHost implements Closeable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
    private final List<Socket> accepted = Collections.synchronizedList([])

    /** {@code banner}: what it writes after accepting (then nothing more), or null for nothing at all. */
    SilentHost(String banner = null) {
        Thread.startDaemon {
            while (!server.closed) {
                try {
                    Socket s = server.accept()
                    accepted << s
                    if (banner) {
                        s.outputStream.write(banner.bytes)
                        s.outputStream.flush()
                    }
                } catch (IOException ignored) {
                    // closed
                }
            }
        }
    }

    int getPort() {
        server.localPort
    }

    /** How many connections it has accepted so far. */
    int getConnections() {
        accepted.size()
    }

    @Override
    void close() {
        server.close()
        accepted*.close()
    }
}
