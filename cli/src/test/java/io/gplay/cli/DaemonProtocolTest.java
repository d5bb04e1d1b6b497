package io.gplay.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The frames a client and the daemon exchange, over a real socket pair. */
class DaemonProtocolTest {
    @TempDir
    Path dir;

    private int pairs;

    private SocketChannel[] pair() throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(dir.resolve("s" + pairs + ".sock")));
        SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("s" + pairs++ + ".sock")));
        SocketChannel served = server.accept();
        server.close();
        return new SocketChannel[] {client, served};
    }

    @Test
    void aHelloCarriesTheArgumentsAsGivenEvenLongAndNotAscii() throws Exception {
        SocketChannel[] p = pair();
        String big = "x".repeat(100_000);
        DaemonFrames.Hello sent = new DaemonFrames.Hello(DaemonFrames.VERSION, "ctx", true,
                List.of("run", "site.groovy", "-e", "motd=grüße \u2603", "-e", big, ""));
        DaemonFrames.write(p[0], this, DaemonFrames.HELLO, sent.bytes());

        DaemonFrames.Frame f = DaemonFrames.read(p[1]);

        assertEquals(DaemonFrames.HELLO, f.type());
        assertEquals(sent, DaemonFrames.Hello.of(f.body()));
    }

    @Test
    void aHelloOfAnotherVersionIsReadAsOnlyItsVersion() throws Exception {
        byte[] body = ByteBuffer.allocate(4).putInt(DaemonFrames.VERSION + 1).array();

        DaemonFrames.Hello h = DaemonFrames.Hello.of(body);

        assertEquals(DaemonFrames.VERSION + 1, h.version());
        assertEquals(List.of(), h.args());
    }

    @Test
    void aHelloClaimingMoreThanItHoldsIsRefused() {
        byte[] body = ByteBuffer.allocate(13).putInt(DaemonFrames.VERSION).putInt(1_000_000).array();

        assertThrows(IOException.class, () -> DaemonFrames.Hello.of(body));
    }

    @Test
    void outputIsSentAsPrintedInOrderAndTheExitCodeLast() throws Exception {
        SocketChannel[] p = pair();
        Object lock = new Object();
        PrintStream out = new PrintStream(new DaemonFrames.Out(p[1], lock, DaemonFrames.STDOUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new DaemonFrames.Out(p[1], lock, DaemonFrames.STDERR), true, StandardCharsets.UTF_8);
        out.print("a prompt: ");
        err.println("gplay: a warning");
        out.println("and the rest");
        DaemonFrames.writeExit(p[1], lock, 2);

        List<String> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            DaemonFrames.Frame f = DaemonFrames.read(p[0]);
            frames.add((char) f.type() + ":" + (f.type() == DaemonFrames.EXIT ? ByteBuffer.wrap(f.body()).getInt() : f.text()));
        }

        assertEquals(List.of("O:a prompt: ", "E:gplay: a warning\n", "O:and the rest\n", "X:2"), frames);
    }

    @Test
    void aReadWaitingDoesNotHoldUpAWriteFromAnotherThread() throws Exception {
        SocketChannel[] p = pair();
        CompletableFuture<DaemonFrames.Frame> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return DaemonFrames.read(p[1]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);

        DaemonFrames.write(p[1], this, DaemonFrames.STDOUT, "while the other side reads".getBytes(StandardCharsets.UTF_8));

        assertEquals("while the other side reads", DaemonFrames.read(p[0]).text());
        DaemonFrames.write(p[0], this, DaemonFrames.SIGNAL, "INT".getBytes(StandardCharsets.UTF_8));
        assertEquals("INT", waiting.get(5, TimeUnit.SECONDS).text());
    }

    @Test
    void theEndOfTheStreamBetweenFramesIsTheEndAndInsideOneAnError() throws Exception {
        SocketChannel[] p = pair();
        p[0].write(ByteBuffer.wrap(new byte[] {DaemonFrames.STDOUT, 0, 0, 0, 9, 'a', 'b'}));
        p[0].close();

        assertThrows(EOFException.class, () -> DaemonFrames.read(p[1]));

        SocketChannel[] q = pair();
        q[0].close();
        assertNull(DaemonFrames.read(q[1]));
    }
}
