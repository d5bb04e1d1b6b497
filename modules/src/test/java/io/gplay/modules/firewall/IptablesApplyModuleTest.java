package io.gplay.modules.firewall;

import io.gplay.modules.Netns;

import io.gplay.engine.connection.Command;
import io.gplay.modules.Harness;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Applies rules inside a throwaway network namespace (this machine's own rules are never touched). A listener on
 * 127.0.0.1:2222 in the namespace stands for sshd, and "a new connection succeeds" is a real TCP connect to it
 * from inside the namespace, through whatever rules are live there.
 */
class IptablesApplyModuleTest {
    private static final String PREVIOUS = rules("-A INPUT -p tcp -m tcp --dport 9999 -j ACCEPT");
    private static final String GOOD = rules("-A INPUT -p tcp -m tcp --dport 2222 -j ACCEPT\n"
            + "-A INPUT -p tcp -m tcp --dport 8080 -j REJECT --reject-with icmp-port-unreachable");
    private static final String BLOCKING = rules("-A INPUT -p tcp -m tcp --dport 2222 -j REJECT --reject-with icmp-port-unreachable");

    @TempDir
    Path dir;
    private Netns ns;
    private Process listener;
    private Path file;

    private static String rules(String body) {
        return "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n" + body + "\nCOMMIT\n";
    }

    @BeforeEach
    void namespaceWithPreviousRulesAndAListener() throws Exception {
        ns = new Netns();
        file = dir.resolve("rules.v4");
        Files.writeString(file, PREVIOUS);
        ns.sh("iptables-restore < " + file);
        listener = new ProcessBuilder("ip", "netns", "exec", ns.name, "python3", "-c", """
                import socket
                s = socket.socket()
                s.bind(('127.0.0.1', 2222))
                s.listen(16)
                while True:
                    s.accept()[0].close()
                """).start();
        for (int i = 0; !newConnection() && i < 50; i++) {
            Thread.sleep(100);
        }
        assertTrue(newConnection(), "listener up");
    }

    @AfterEach
    void deleteNamespace() {
        listener.destroyForcibly();
        ns.close();
    }

    private boolean newConnection() {
        return ns.exec(Command.probe("timeout 2 bash -c '</dev/tcp/127.0.0.1/2222'")).ok();
    }

    private Result apply(String rules, int timeout, boolean check, BooleanSupplier reachable) throws Exception {
        Files.writeString(file, rules);
        Map<String, Object> params = Map.of("path", file.toString(), "timeout", timeout, "method", "restore");
        IptablesApplyModule module = new IptablesApplyModule();
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of("osFamily", "Debian"), ns, check)
                .withReachableAnew(reachable);
        return Harness.run(module, params, where);
    }

    private Map<String, List<String>> live() {
        return IptablesRules.tables(ns.sh("iptables-save"));
    }

    /** Only the listener is left in the namespace, and no rollback directory on the host. */
    private void nothingLeftOver() throws Exception {
        // the cancelled rollback's processes are sent their signal; they may take a moment to be gone
        for (int i = 0; i < 30 && !String.valueOf(listener.pid()).equals(ns.pids()); i++) {
            Thread.sleep(100);
        }
        assertEquals(String.valueOf(listener.pid()), ns.pids());
        try (var run = Files.list(Path.of("/run"))) {
            assertEquals(List.of(), run.filter(p -> p.getFileName().toString().startsWith("gplay-iptables.")).toList());
        }
    }

    @Test
    void rulesThatCutNewConnectionsAreRolledBackAndTheTaskFails() throws Exception {
        long start = System.nanoTime();
        Result r = apply(BLOCKING, 2, false, this::newConnection);
        assertEquals(Status.FAILED, r.status());
        assertEquals("the new rules cut new SSH connections to local; the previous rules were restored after 2s", r.msg());
        assertTrue(System.nanoTime() - start >= 2_000_000_000L, "waited for the rollback");
        assertEquals(IptablesRules.tables(PREVIOUS), live());
        assertTrue(newConnection());
        nothingLeftOver();
    }

    @Test
    void goodRulesStayAndTheRollbackIsCancelled() throws Exception {
        Result r = apply(GOOD, 2, false, this::newConnection);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("restore", r.data().get("method"));
        assertEquals(false, r.data().get("matched"));
        nothingLeftOver();
        Thread.sleep(3000);
        assertEquals(IptablesRules.tables(GOOD), live(), "still the new rules after the timeout");

        Result again = apply(GOOD, 2, false, () -> {
            throw new AssertionError("nothing to apply, nothing to confirm");
        });
        assertEquals(Status.OK, again.status());
        assertEquals("the live rules already match " + file, again.msg());
        assertEquals(true, again.data().get("matched"));
    }

    @Test
    void checkModeReportsTheChangeAndRunsNothing() throws Exception {
        Result r = apply(GOOD, 2, true, () -> {
            throw new AssertionError("check mode opens no new connection");
        });
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("would apply " + file + " (rolled back unless a new connection succeeds within 2s)", r.msg());
        assertTrue(r.diffs().get(0).unified().contains("+-A INPUT -p tcp -m tcp --dport 8080"), r.diffs().get(0).unified());
        assertEquals(IptablesRules.tables(PREVIOUS), live());
        nothingLeftOver();
    }

    @Test
    void anApplyThatFailsLeavesThePreviousRules() throws Exception {
        Result r = apply(rules("-A INPUT -j NOSUCHCHAIN"), 5, false, () -> {
            throw new AssertionError("not applied, nothing to confirm");
        });
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().startsWith("applying " + file + " failed, the previous rules are back"), r.msg());
        assertEquals(IptablesRules.tables(PREVIOUS), live());
        nothingLeftOver();
    }

    @Test
    void aConfirmationSlowerThanTheTimeoutFailsAndKeepsThePreviousRules() throws Exception {
        Result r = apply(GOOD, 1, false, () -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            return newConnection();
        });
        assertEquals(Status.FAILED, r.status());
        assertEquals("the previous rules were restored after 1s, before a new connection to local was confirmed; "
                + "raise timeout", r.msg());
        assertEquals(IptablesRules.tables(PREVIOUS), live());
        nothingLeftOver();
    }
}
