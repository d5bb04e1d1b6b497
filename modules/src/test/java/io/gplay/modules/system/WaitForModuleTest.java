package io.gplay.modules.system;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitForModuleTest {
    @TempDir
    Path dir;

    @Test
    void anOpenPortIsReadyAndAClosedOneTimesOutOrIsSkippedInCheckMode() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Result open = Harness.run(new WaitForModule(), Map.of("port", s.getLocalPort()), false);
            assertEquals(Status.OK, open.status(), open.msg());
            assertEquals("started", open.data().get("state"));
            assertEquals(Status.OK, Harness.run(new WaitForModule(), Map.of("port", s.getLocalPort()), true).status());
            closed = s.getLocalPort();
        }
        Result timeout = Harness.run(new WaitForModule(), Map.of("port", closed, "timeout", 1), false);
        assertEquals(Status.FAILED, timeout.status());
        assertEquals("Timeout when waiting for 127.0.0.1:" + closed + " to be started", timeout.msg());
        assertEquals(Status.SKIPPED, Harness.run(new WaitForModule(), Map.of("port", closed), true).status());
        assertEquals(Status.OK, Harness.run(new WaitForModule(), Map.of("port", closed, "state", "stopped"), false).status());
    }

    @Test
    void waitsForAPathThatAppearsLater() throws Exception {
        Path sock = dir.resolve("-x; $(touch pwned) 'q'.sock");
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(1500);
                Files.writeString(sock, "");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        later.start();
        Result r = Harness.run(new WaitForModule(), Map.of("path", sock.toString(), "timeout", 20), false);
        later.join();
        assertEquals(Status.OK, r.status(), r.msg());
        assertTrue((Long) r.data().get("elapsed") >= 1, String.valueOf(r.data()));
        assertEquals(Status.OK, Harness.run(new WaitForModule(), Map.of("path", dir.resolve("gone").toString(), "state", "absent"), false).status());
        assertFalse(Files.exists(dir.resolve("pwned")));
    }

    @Test
    void aHostThatIsNoAddressIsRefused() {
        Result r = Harness.run(new WaitForModule(), Map.of("host", "../../tmp/x", "port", 80, "timeout", 1), false);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("no host name"), r.msg());
        assertFalse(Files.exists(Path.of("/tmp/x/80")));
    }
}
