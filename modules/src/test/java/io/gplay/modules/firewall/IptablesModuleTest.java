package io.gplay.modules.firewall;

import io.gplay.modules.Harness;
import io.gplay.modules.Netns;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validation runs in a throwaway network namespace: this machine's own rules are never involved. */
class IptablesModuleTest {
    static final String RULES = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -i lo -j ACCEPT
            -A INPUT -p tcp --dport 22 -j ACCEPT
            COMMIT
            """;
    private static final Map<String, Object> DEBIAN = Map.of("osFamily", "Debian");

    @TempDir
    Path dir;
    private final Netns ns = new Netns();

    @AfterEach
    void deleteNamespace() {
        ns.close();
    }

    private Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new IptablesModule(), params, check, ns, DEBIAN);
    }

    @Test
    void writesTheFileOnceWithMode600AndKeepsABackup() throws Exception {
        Path file = dir.resolve("iptables");
        Map<String, Object> p = Map.of("path", file.toString(), "content", RULES);
        Result check = run(p, true);
        assertEquals(Status.CHANGED, check.status());
        assertTrue(check.diffs().get(0).unified().contains("+-A INPUT -p tcp --dport 22 -j ACCEPT"));
        assertFalse(Files.exists(file), "check mode wrote nothing");

        assertEquals(Status.CHANGED, run(p, false).status());
        assertEquals(RULES, Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Status.OK, run(p, false).status(), "second run changes nothing");

        String more = RULES.replace("COMMIT", "-A INPUT -p tcp --dport 24007 -j ACCEPT\nCOMMIT");
        Result update = run(Map.of("path", file.toString(), "content", more), false);
        assertEquals(Status.CHANGED, update.status());
        assertEquals(more, Files.readString(file));
        assertEquals(RULES, Files.readString(Path.of((String) update.data().get("backup_file"))));
        assertEquals(file.toString(), update.data().get("path"));
        assertEquals(List.copyOf(IptablesRules.tables(more).keySet()), update.data().get("tables"));
    }

    @Test
    void aRuleIptablesRestoreRejectsFailsTheTaskBeforeAnythingIsWritten() throws Exception {
        Path file = dir.resolve("iptables");
        Files.writeString(file, RULES);
        String bad = RULES.replace("--dport 22", "--dportx 22");
        for (boolean check : new boolean[] {true, false}) {
            Result r = run(Map.of("path", file.toString(), "content", bad), check);
            assertEquals(Status.FAILED, r.status(), "check mode " + check);
            assertTrue(r.msg().contains("unknown option \"--dportx\""), r.msg());
            assertTrue(r.msg().contains("Error occurred at line: 6"), r.msg());
            assertEquals(RULES, Files.readString(file));
            try (var files = Files.list(dir)) {
                assertEquals(1, files.count(), "no backup, no temporary file");
            }
        }
    }

    @Test
    void structuredRulesRenderAsIptablesSaveWritesThem() throws Exception {
        Path file = dir.resolve("rules.v4");
        List<Object> rules = List.of(
                Map.of("state", List.of("ESTABLISHED", "RELATED"), "jump", "ACCEPT"),
                Map.of("iface", "lo", "jump", "ACCEPT"),
                Map.of("proto", "tcp", "dport", 22, "source", "10.0.0.0/8", "jump", "ACCEPT", "comment", "SSH"),
                Map.of("proto", "tcp", "dport", List.of("5900:6923", 49152), "jump", "ACCEPT", "comment", "consoles and migration"),
                Map.of("proto", "udp", "sport", 53, "chain", "DNS", "jump", "ACCEPT"),
                Map.of("match", "-m physdev ! --physdev-is-bridged", "chain", "FORWARD",
                        "jump", "REJECT --reject-with icmp-host-prohibited"),
                "-A INPUT -j DNS");
        Result r = run(Map.of("path", file.toString(), "rules", rules, "policies", Map.of("INPUT", "DROP")), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("""
                # Managed by gplay; changes made here are overwritten.
                *filter
                :INPUT DROP [0:0]
                :FORWARD ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :DNS - [0:0]
                -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
                -A INPUT -i lo -j ACCEPT
                -A INPUT -s 10.0.0.0/8 -p tcp -m tcp --dport 22 -m comment --comment SSH -j ACCEPT
                -A INPUT -p tcp -m multiport --dports 5900:6923,49152 -m comment --comment "consoles and migration" -j ACCEPT
                -A DNS -p udp -m udp --sport 53 -j ACCEPT
                -A FORWARD -m physdev ! --physdev-is-bridged -j REJECT --reject-with icmp-host-prohibited
                -A INPUT -j DNS
                COMMIT
                """, Files.readString(file));

        Result unknown = run(Map.of("path", file.toString(), "rules", List.of(Map.of("port", 22, "jump", "ACCEPT"))), true);
        assertEquals(Status.FAILED, unknown.status());
        assertTrue(unknown.msg().contains("unknown key 'port'"), unknown.msg());
    }

    @Test
    void takesContentOrRulesAndFindsThePathInFacts() {
        Result both = run(Map.of("path", dir.resolve("x").toString(), "content", RULES, "rules", List.of()), true);
        assertEquals(Status.FAILED, both.status());
        Result redhat = Harness.run(new IptablesModule(), Map.of("content", RULES), true, ns, Map.of("osFamily", "RedHat"));
        assertEquals("/etc/sysconfig/iptables", redhat.data().get("path"));
        assertEquals("/etc/iptables/rules.v4", run(Map.of("content", RULES), true).data().get("path"));
    }
}
