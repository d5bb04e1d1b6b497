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

/** The seboolean module against the getsebool and setsebool stand-ins (docs/stand-ins.md). */
class SebooleanModuleTest {
    @TempDir
    Path dir;
    SelinuxHost host;

    @BeforeEach
    void host() throws IOException {
        host = new SelinuxHost(dir);
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new SebooleanModule(), params, check, host.conn, Map.of());
    }

    Result checkThenRun(Map<String, Object> params) throws IOException {
        String before = host.get("booleans");
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, host.get("booleans"), "a check run sets nothing");
        Result real = run(params, false);
        assertEquals(check.descriptions(), real.descriptions());
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        return real;
    }

    @Test
    void aLiveValueThenAPersistentOne() throws IOException {
        Result live = checkThenRun(Map.of("name", "httpd_can_network_connect", "state", true));
        assertEquals(List.of("set httpd_can_network_connect from off to on (live only)"), live.descriptions());
        assertEquals("httpd_can_network_connect 1 0\nvirt_use_nfs 1 1\n", host.get("booleans"), "on, not persisted");
        Result persistent = checkThenRun(Map.of("name", "virt_use_nfs", "state", false, "persistent", true));
        assertEquals(List.of("set virt_use_nfs from on to off, persistent (setsebool -P)"), persistent.descriptions());
        assertEquals("httpd_can_network_connect 1 0\nvirt_use_nfs 0 0\n", host.get("booleans"));
        assertEquals(List.of("setsebool httpd_can_network_connect on", "setsebool -P virt_use_nfs off"), host.changes());
        assertEquals(Map.of("name", "virt_use_nfs", "state", false, "persistent", true), Map.of("name", persistent.registered().get("name"),
                "state", persistent.registered().get("state"), "persistent", persistent.registered().get("persistent")));
    }

    @Test
    void anUnknownBooleanFailsWithGetseboolsWords() {
        Result r = run(Map.of("name", "no_such_bool", "state", true), false);
        assertEquals(Status.FAILED, r.status());
        assertEquals("Failed to determine current state for boolean no_such_bool: rc=255: Error getting active value for no_such_bool", r.msg());
    }

    @Test
    void aDisabledHostFailsUnlessIgnoredThenNothingIsSetLive() throws IOException {
        host.put("mode", "Disabled\n");
        Result r = run(Map.of("name", "virt_use_nfs", "state", false), false);
        assertEquals(Status.FAILED, r.status());
        assertEquals("SELinux is disabled on this host.", r.msg());
        Result ignored = run(Map.of("name", "virt_use_nfs", "state", false, "ignoreSelinuxState", true), false);
        assertEquals(Status.OK, ignored.status());
        assertEquals(List.of(), host.changes());
    }

    @Test
    void hostileNamesStayData() throws IOException {
        Path marker = dir.resolve("x");
        for (String name : List.of("-P", "$(touch " + marker + ")", "a b", "x\ny")) {
            Result r = run(Map.of("name", name, "state", true), false);
            assertEquals(Status.FAILED, r.status());
            assertTrue(r.msg().startsWith("name '" + name + "' is no SELinux boolean"), r.msg());
        }
        assertFalse(Files.exists(marker));
        assertEquals(List.of(), host.changes());
    }

    @Test
    void aCheckRunsLaterTasksSeeThePredictedValue() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), host.conn, true);
        Map<String, Object> on = Map.of("name", "httpd_can_network_connect", "state", true, "persistent", true);
        assertEquals(Status.CHANGED, Harness.run(new SebooleanModule(), on, where).status());
        assertEquals(Status.OK, Harness.run(new SebooleanModule(), on, where).status());
    }
}
