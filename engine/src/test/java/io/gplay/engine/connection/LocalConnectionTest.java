package io.gplay.engine.connection;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LocalConnectionTest {
    @Test
    void closingEndsARunningCommandAndWhatItStarted() throws Exception {
        LocalConnection local = new LocalConnection();
        String marker = "." + (100_000 + new java.util.Random().nextInt(900_000));   // sleep 30.123456
        CompletableFuture<ExecResult> run = CompletableFuture.supplyAsync(() ->
                local.exec(Command.change("sleep 30" + marker + " & sleep 31" + marker + "; echo done")));
        long deadline = System.currentTimeMillis() + 10_000;
        while (sleeps(marker) < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, sleeps(marker));

        local.close();

        ExecResult r = run.get(5, TimeUnit.SECONDS);
        assertNotEquals(0, r.rc());
        assertEquals("", r.stdout());
        // a process killed a moment ago is listed until it is reaped
        deadline = System.currentTimeMillis() + 5_000;
        while (sleeps(marker) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, sleeps(marker));
    }

    private static long sleeps(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.isAlive() && p.info().commandLine().map(c -> c.contains("sleep 3") && c.endsWith(marker))
                        .orElse(false)).count();
    }
}
