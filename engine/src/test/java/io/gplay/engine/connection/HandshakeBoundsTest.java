package io.gplay.engine.connection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening a connection to a host that is no SSH server, or a slow one, ends within gplay_connect_timeout. */
class HandshakeBoundsTest {
    @TempDir
    Path dir;
    private ServerSocket server;
    private Thread tarpit;

    /** A server on 127.0.0.1 that accepts one connection, sends what {@code talk} writes, then holds it open. */
    private int tarpit(Talk talk) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        tarpit = new Thread(() -> {
            try (Socket s = server.accept()) {
                talk.to(s.getOutputStream());
                Thread.sleep(60_000);
            } catch (IOException | InterruptedException e) {
                // the client went, or the test ended
            }
        });
        tarpit.setDaemon(true);
        tarpit.start();
        return server.getLocalPort();
    }

    interface Talk {
        void to(OutputStream out) throws IOException, InterruptedException;
    }

    @AfterEach
    void stop() throws IOException {
        tarpit.interrupt();
        server.close();
    }

    private UnreachableException open(int port, int timeoutSeconds) {
        SshTarget t = SshTarget.builder().address("127.0.0.1").port(port).user("nobody")
                .knownHosts(dir.resolve("known_hosts")).acceptNewHostKeys(true).timeoutSeconds(timeoutSeconds).build();
        return assertTimeoutPreemptively(Duration.ofSeconds(timeoutSeconds + 3),
                () -> assertThrows(UnreachableException.class, () -> SshConnection.open(t)));
    }

    @Test
    void bytesWithoutAnIdentificationLineAreRefusedAtTheBoundNotRescannedForMinutes() throws Exception {
        int port = tarpit(out -> {
            out.write("X".repeat(200_000).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
        long start = System.nanoTime();
        UnreachableException e = open(port, 30);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused well before the timeout");
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertTrue(e.getMessage().contains("SSH identification"), e.getMessage());
    }

    @Test
    void aBannerDrippedAByteASecondTimesOutAtTheConnectTimeout() throws Exception {
        int port = tarpit(out -> {
            for (byte b : "SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII)) {
                out.write(b);
                out.flush();
                Thread.sleep(1000);
            }
        });
        long start = System.nanoTime();
        UnreachableException e = open(port, 2);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 3500, "ended after " + ms + " ms");
        assertTrue(e.getMessage().contains("timed out after 2 s waiting for the SSH banner from 127.0.0.1:" + port),
                e.getMessage());
    }
}
