package io.gplay.modules.selinux;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seport module against the semanage stand-in (policycoreutils 2.5, docs/stand-ins.md). */
class SeportModuleTest {
    @TempDir
    Path dir;
    SelinuxHost host;

    @BeforeEach
    void host() throws IOException {
        host = new SelinuxHost(dir);
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new SeportModule(), params, check, host.conn, Map.of());
    }

    @Test
    void addsAndModifiesWhatDiffersThenConverges() throws IOException {
        Map<String, Object> web = Map.of("ports", List.of("8080", "8081", "9000-9010", "443"), "proto", "tcp", "setype", "http_port_t");
        Result check = run(web, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals("", host.get("ports.local"), "a check run writes nothing");
        assertEquals(List.of(), host.changes());
        Result real = run(web, false);
        assertEquals(List.of("modify tcp/8080 from http_cache_port_t to http_port_t", "add tcp/8081 as http_port_t",
                "add tcp/9000-9010 as http_port_t"), real.descriptions(), "443 is already http_port_t: left alone");
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(List.of("semanage port -m -t http_port_t -p tcp 8080", "semanage port -a -t http_port_t -p tcp 8081",
                "semanage port -a -t http_port_t -p tcp 9000-9010"), host.changes());
        Result again = run(web, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertEquals(Status.OK, run(Map.of("ports", "9005", "proto", "tcp", "setype", "http_port_t"), false).status(),
                "a port inside a range of the type is covered, as in Ansible");
        assertEquals(Map.of("ports", List.of("8080", "8081", "9000-9010", "443"), "proto", "tcp", "setype", "http_port_t",
                "state", "present"), subset(again.registered()));
    }

    @Test
    void absentDeletesTheTypesOwnRecordAndSemanageRefusesThePolicysOwn() throws IOException {
        run(Map.of("ports", "8081,8082", "proto", "udp", "setype", "http_port_t"), false);
        Map<String, Object> gone = Map.of("ports", "8081", "proto", "udp", "setype", "http_port_t", "state", "absent");
        Result check = run(gone, true);
        Result real = run(gone, false);
        assertEquals(List.of("delete udp/8081 (http_port_t)"), real.descriptions());
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals("http_port_t udp 8082 8082\n", host.get("ports.local"));
        assertEquals(Status.OK, run(gone, false).status());
        Result policy = run(Map.of("ports", "80", "proto", "tcp", "setype", "http_port_t", "state", "absent"), false);
        assertEquals(Status.FAILED, policy.status());
        assertTrue(policy.msg().contains("ValueError: Port tcp/80 is defined in policy, cannot be deleted"), policy.msg());
    }

    @Test
    void withoutReloadSemanageGetsNoReloadAndLocalComparesTheCustomizationsOnly() throws IOException {
        run(Map.of("ports", "8081", "proto", "tcp", "setype", "http_port_t", "reload", false), false);
        assertEquals(List.of("semanage port -N -a -t http_port_t -p tcp 8081"), host.changes());
        Result local = run(Map.of("ports", "80", "proto", "tcp", "setype", "http_port_t", "local", true), false);
        assertEquals(List.of("modify tcp/80 from http_port_t to http_port_t"), local.descriptions(),
                "80 is the policy's, not a local customization: Ansible modifies it into one");
        assertTrue(host.get("calls").contains("semanage port -l -C"));
    }

    @Test
    void aDisabledHostFailsUnlessTheStateIsIgnored() throws IOException {
        host.put("mode", "Disabled\n");
        Map<String, Object> web = Map.of("ports", "8081", "proto", "tcp", "setype", "http_port_t");
        Result r = run(web, false);
        assertEquals(Status.FAILED, r.status());
        assertEquals("SELinux is disabled on this host.", r.msg());
        Map<String, Object> chroot = Map.of("ports", "8081", "proto", "tcp", "setype", "http_port_t", "ignoreSelinuxState", true);
        assertEquals(Status.CHANGED, run(chroot, false).status());
    }

    @Test
    void aProtocolCentos7DoesNotKnowIsSemanagesError() {
        Result r = run(Map.of("ports", "5000", "proto", "sctp", "setype", "http_port_t"), false);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("ValueError: Protocol udp or tcp is required"), r.msg());
    }

    @Test
    void hostileValuesStayData() throws IOException {
        Path marker = dir.resolve("x");
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("ports", "-rf", "proto", "tcp", "setype", "http_port_t"),
                Map.<String, Object>of("ports", "$(touch " + marker + ")", "proto", "tcp", "setype", "http_port_t"),
                Map.<String, Object>of("ports", "8081", "proto", "tcp", "setype", "-t'; touch " + marker + "; '\nx"))) {
            Result r = run(bad, false);
            assertEquals(Status.FAILED, r.status());
            assertTrue(r.msg().matches("(?s)(ports: '.*' is no port or range|setype '.*' is no SELinux type).*"), r.msg());
        }
        assertFalse(Files.exists(marker));
        assertEquals(List.of(), host.changes());
    }

    @Test
    void aCheckRunsLaterTasksSeeThePredictedTypes() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), host.conn, true);
        Map<String, Object> add = Map.of("ports", "8081", "proto", "tcp", "setype", "http_port_t");
        assertEquals(Status.CHANGED, Harness.run(new SeportModule(), add, where).status());
        assertEquals(Status.OK, Harness.run(new SeportModule(), add, where).status());
        Map<String, Object> gone = Map.of("ports", "8081", "proto", "tcp", "setype", "http_port_t", "state", "absent");
        assertEquals(Status.CHANGED, Harness.run(new SeportModule(), gone, where).status());
        assertEquals(Status.OK, Harness.run(new SeportModule(), gone, where).status());
    }

    private static Map<String, Object> subset(Map<String, Object> registered) {
        return Map.of("ports", registered.get("ports"), "proto", registered.get("proto"), "setype", registered.get("setype"),
                "state", registered.get("state"));
    }
}
