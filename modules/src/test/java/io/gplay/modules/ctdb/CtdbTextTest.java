package io.gplay.modules.ctdb;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text the CTDB modules read and write, checked without hosts: CTDB's files in both styles, ctdb's machine-readable tables. Their behaviour on real ctdb is tested in the lab (tests module). */
class CtdbTextTest {
    private static final String GLUSTERD_VOL = """
            volume management
                type mgmt/glusterd
                option working-directory /var/lib/glusterd
                option transport-type socket,rdma
            #   option base-port 49152
            end-volume
            """;
    @Test
    void legacyCtdbFileIsTheProceduresVariableForVariable() {
        String text = CtdbConfig.legacy("/mnt/lock", "/mnt/lock/reclock", false, CtdbModule.PROCEDURE_TUNABLES);
        assertEquals("""
                CTDB_PUBLIC_ADDRESSES=/mnt/lock/public_addresses
                CTDB_NODES=/etc/ctdb/nodes
                # Only when using Samba. Unnecessary for NFS.
                CTDB_MANAGES_SAMBA=no
                # some tunables
                CTDB_SET_DeterministicIPs=1
                CTDB_SET_RecoveryBanPeriod=120
                CTDB_SET_KeepaliveInterval=5
                CTDB_SET_KeepaliveLimit=5
                CTDB_SET_MonitorInterval=15
                CTDB_RECOVERY_LOCK=/mnt/lock/reclock
                """, text);
    }

    @Test
    void modernCtdbNamesTheLockByVersionAndTranslatesDeterministicIps() {
        assertTrue(CtdbConfig.conf("/mnt/lock/reclock", new int[]{4, 17}).contains("\trecovery lock = /mnt/lock/reclock\n"));
        assertTrue(CtdbConfig.conf("/mnt/lock/reclock", new int[]{4, 18}).contains("\tcluster lock = /mnt/lock/reclock\n"));
        String tunables = CtdbConfig.tunables(CtdbModule.PROCEDURE_TUNABLES);
        assertTrue(tunables.contains("IPAllocAlgorithm=0\n") && !tunables.contains("DeterministicIPs"), tunables);
        assertTrue(tunables.contains("MonitorInterval=15\n"));
        assertArrayEquals(new int[]{4, 17}, CtdbConfig.version("4.17.12-Debian\n"));
        assertArrayEquals(new int[]{1, 0}, CtdbConfig.version("CTDB version: 1.0.114.7-1.el6"));
        assertNull(CtdbConfig.version("ctdb: unknown"));
    }

    @Test
    void ctdbTablesAreReadFromBothMachineReadableFormats() {
        List<Map<String, String>> modern = CtdbStatusModule.table("""
                |Node|IP|Disconnected|Banned|Disabled|Unhealthy|Stopped|Inactive|PartiallyOnline|ThisNode|
                |0|10.78.0.11|0|0|0|0|0|0|0|Y|
                |1|10.78.0.12|1|0|0|1|0|1|0|N|
                """);
        assertEquals(2, modern.size());
        assertEquals("10.78.0.12", modern.get(1).get("IP"));
        assertEquals("1", modern.get(1).get("Disconnected"));
        assertEquals("Y", modern.get(0).get("ThisNode"));
        List<Map<String, String>> legacy = CtdbStatusModule.table("""
                :Public IP:Node:
                :192.168.1.200:1:
                """);
        assertEquals(List.of(Map.of("Public IP", "192.168.1.200", "Node", "1")), legacy);
    }

    @Test
    void theLegacyFileIsSourcedAsShellSoItsValuesAreQuoted() throws Exception {
        String marker = "/tmp/gplay-ctdb-" + ProcessHandle.current().pid();
        String text = CtdbConfig.legacy("/mnt/lock", "/mnt/lock/my lock", false,
                Map.of("MonitorInterval", "$(touch " + marker + ")"));
        Process sh = new ProcessBuilder("sh", "-c", ". /dev/stdin; printf '%s|%s' \"$CTDB_RECOVERY_LOCK\" \"$CTDB_SET_MonitorInterval\"")
                .start();
        sh.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sh.getOutputStream().close();
        assertEquals("/mnt/lock/my lock|$(touch " + marker + ")", new String(sh.getInputStream().readAllBytes()));
        assertEquals(0, sh.waitFor());
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of(marker)));
    }

    @Test
    void addressesAreAddresses() {
        List.of("10.0.0.1", "192.168.254.255", "fe80::1", "2001:db8:0:0:0:0:0:1").forEach(a -> assertTrue(CtdbModule.isAddress(a), a));
        List.of("10.78.0.300", "999.78.0.200", "10.0.0", "10.0.0.9\n10.0.0.10", "host1", "1:2:3").forEach(a -> assertFalse(CtdbModule.isAddress(a), a));
    }}
