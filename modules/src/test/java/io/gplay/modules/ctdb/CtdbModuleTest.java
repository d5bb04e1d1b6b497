package io.gplay.modules.ctdb;

import io.gplay.modules.Harness;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the CTDB files cannot hold is refused before anything is read or written. */
class CtdbModuleTest {
    @TempDir
    Path dir;

    private Result run(String style, Object... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("sharedDir", dir.toString(), "link", false, "style", style,
                "nodes", List.of("10.0.0.1"), "publicAddresses", List.of("10.0.0.200/24 eth0")));
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return Harness.run(new CtdbModule(), p, false);
    }

    @Test
    void aLockWithALineBreakIsRefusedNamingTheParameter() throws Exception {
        for (String style : List.of("modern", "legacy")) {
            for (String lock : List.of("/mnt/lock/reclock\n[cluster]\n\tnodes list = /tmp/evil", "/mnt/lock/x\rY", " /mnt/lock/reclock")) {
                Result r = run(style, "recoveryLock", lock);
                assertEquals(Status.FAILED, r.status());
                assertTrue(r.msg().startsWith("recoveryLock"), r.msg());
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void tunablesAreWholeNumbersWithNamesOfOneWord() throws Exception {
        for (String style : List.of("modern", "legacy")) {
            Result value = run(style, "tunables", Map.of("MonitorInterval", "15\n[legacy]\nrealtime scheduling = false"));
            assertEquals(Status.FAILED, value.status());
            assertTrue(value.msg().contains("tunables: MonitorInterval") && value.msg().contains("whole number"), value.msg());
            Result name = run(style, "tunables", Map.of("Monitor\nInterval", 15));
            assertEquals(Status.FAILED, name.status());
            assertTrue(name.msg().contains("tunable"), name.msg());
        }
    }

    @Test
    void withoutFailbackARejoiningNodeIsToldNotToTakeAddressesBack() throws Exception {
        Result legacy = run("legacy", "ipFailback", false);
        assertEquals(Status.CHANGED, legacy.status(), legacy.msg());
        String sysconfig = Files.readString(dir.resolve("ctdb"));
        assertTrue(sysconfig.contains("CTDB_SET_NoIPFailback=1\n"), sysconfig);
        // ctdb ignores NoIPFailback with deterministic addresses, which go back to their home node by design
        // ("'NoIPFailback' set but ignored - incompatible with 'Deterministic IPs'")
        assertTrue(sysconfig.contains("CTDB_SET_DeterministicIPs=0\n"), sysconfig);
        assertTrue(sysconfig.contains("CTDB_SET_MonitorInterval=15\n"), "the procedure's other tunables kept: " + sysconfig);
    }

    @Test
    void byDefaultCtdbsOwnFailbackIsLeftAsItIs() throws Exception {
        run("legacy");
        assertTrue(!Files.readString(dir.resolve("ctdb")).contains("NoIPFailback"));
    }

    @Test
    void ctdbOfCentOs6WithItsDaemonStoppedIsToldByItsPackage() throws Exception {
        // ctdb 1.0.114's `ctdb version` needs a running ctdbd, and its ctdbd has no --version (ctdb.git 1.0.114.7,
        // tools/ctdb.c:4401, :4605-4616; server/ctdbd.c:157-163): a fresh host writes its files before ctdb starts
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin, "ctdb", "echo '2013/12/07 10:00:00.000000 [ 4242]: Failed to init ctdb' >&2; exit 1");
        script(bin, "ctdbd", "echo 'Invalid option --version: unknown option' >&2; exit 1");
        script(bin, "rpm", "[ \"$*\" = \"-q --qf %{VERSION}\\n ctdb\" ] && echo 1.0.114.7 || exit 1");
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Map<String, Object> p = new HashMap<>(Map.of("sharedDir", shared.toString(), "link", false,
                "nodes", List.of("10.0.0.1"), "publicAddresses", List.of("10.0.0.200/24 eth0")));
        Result r = Harness.run(new CtdbModule(), p, false, new io.gplay.modules.PathFirstConnection(bin, Map.of()), Map.of());
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertTrue(Files.exists(shared.resolve("ctdb")), "the legacy /etc/sysconfig/ctdb style, for ctdb before 4.9");
        assertEquals("legacy", r.data().get("style"));
        assertEquals("/etc/sysconfig/ctdb", ((Map<?, ?>) r.data().get("files")).get(shared + "/ctdb"));
    }

    @Test
    void ctdbStatusRegistersTheNodesAndWhichNodeHoldsTheVirtualAddress() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // ctdb 4's -X tables, as CtdbTextTest reads them
        script(bin, "ctdb", """
                case "$*" in
                  "-X status") printf '%s\\n' '|Node|IP|Disconnected|Banned|Disabled|Unhealthy|Stopped|Inactive|PartiallyOnline|ThisNode|' \\
                      '|0|10.0.0.1|0|0|0|0|0|0|0|Y|' '|1|10.0.0.2|1|0|0|0|0|1|0|N|' ;;
                  "-X ip") printf '%s\\n' '|Public IP|Node|' '|10.0.0.200|0|' '|10.0.0.201|-1|' ;;
                  *) exit 1 ;;
                esac""");
        io.gplay.modules.PathFirstConnection host = new io.gplay.modules.PathFirstConnection(bin, Map.of());
        Result r = Harness.run(new CtdbStatusModule(), Map.of("ip", "10.0.0.200/24"), true, host, Map.of());
        assertEquals(Status.OK, r.status(), r.msg());
        assertEquals(true, r.data().get("running"));
        assertEquals(false, r.data().get("healthy"), "node 1 is disconnected");
        assertEquals(List.of(Map.of("pnn", 0, "address", "10.0.0.1", "ok", true, "flags", List.of()),
                Map.of("pnn", 1, "address", "10.0.0.2", "ok", false, "flags", List.of("Disconnected", "Inactive"))),
                r.data().get("nodes"));
        assertEquals("10.0.0.1", r.data().get("thisNode"));
        assertEquals("10.0.0.200", r.data().get("ip"));
        assertEquals("10.0.0.1", r.data().get("holder"));
        assertEquals(0, r.data().get("holderPnn"));
        Result unassigned = Harness.run(new CtdbStatusModule(), Map.of("ip", "10.0.0.201"), true, host, Map.of());
        assertNull(unassigned.data().get("holder"));
        assertNull(unassigned.data().get("holderPnn"));
    }

    private static void script(Path bin, String name, String body) throws Exception {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        f.toFile().setExecutable(true);
    }
}
