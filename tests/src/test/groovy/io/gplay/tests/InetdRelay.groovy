package io.gplay.tests

import java.nio.file.Path
import java.util.concurrent.atomic.AtomicInteger

/**
 * A TCP port on this machine's loopback whose every connection is served by an {@code sshd -i} of its own
 * (sshd's inetd mode: the session on its standard input and output) started inside a network namespace: an SSH
 * server reachable from here whose own connections start from inside that namespace.
 */
class InetdRelay implements Closeable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName('127.0.0.1'))
    private final List<Process> processes = Collections.synchronizedList([])
    /** How many connections it was asked for. */
    final AtomicInteger accepted = new AtomicInteger()

    InetdRelay(String netns, Path sshdConfig, Path log) {
        Thread.startDaemon('relay-accept') {
            while (true) {
                Socket s
                try {
                    s = server.accept()
                } catch (IOException ignored) {
                    return // closed
                }
                accepted.incrementAndGet()
                def p = new ProcessBuilder('ip', 'netns', 'exec', netns, '/usr/sbin/sshd', '-i', '-e', '-f', sshdConfig.toString())
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start()
                processes << p
                Thread.startDaemon('relay-in') { pump(s.inputStream, p.outputStream) }
                Thread.startDaemon('relay-out') {
                    pump(p.inputStream, s.outputStream)
                    s.close()
                }
            }
        }
    }

    int getPort() {
        server.localPort
    }

    private static void pump(InputStream from, OutputStream to) {
        byte[] buf = new byte[16384]
        try {
            int n
            while ((n = from.read(buf)) > 0) {
                to.write(buf, 0, n)
                to.flush()
            }
        } catch (IOException ignored) {
            // the other side went away: the session is over
        } finally {
            try {
                to.close()
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Ends every session under way, as a jump host that goes down: its clients see the connection end. */
    void dropSessions() {
        processes.each { it.destroyForcibly().waitFor() }
    }

    @Override
    void close() {
        server.close()
        processes.each { it.destroy() }
    }
}
