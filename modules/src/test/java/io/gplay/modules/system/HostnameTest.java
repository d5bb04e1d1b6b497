package io.gplay.modules.system;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Namespaced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostname module with the real hostname command in a throw-away UTS namespace over an overlay of /etc
 * (see {@link Namespaced}): the machine's own name and files are never touched. hostnamectl needs a running
 * systemd, which this machine lacks: the systemd strategy is not run here.
 */
class HostnameTest {
    static final Map<String, Object> DEBIAN = Map.of("osFamily", "Debian", "serviceMgr", "sysvinit");

    @TempDir
    Path work;
    Namespaced ns;

    @BeforeEach
    void namespace() throws IOException {
        ns = new Namespaced(work, "/etc");
        ns.sh("hostname old-name && echo old-name > /etc/hostname && mkdir -p /etc/sysconfig"
                + " && printf 'NETWORKING=yes\\nHOSTNAME=old-name\\nGATEWAY=10.0.0.1' > /etc/sysconfig/network");
    }

    @AfterEach
    void end() {
        ns.close();
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new HostnameModule(), params, check, ns, DEBIAN);
    }

    String state() {
        return ns.sh("hostname; cat /etc/hostname /etc/sysconfig/network");
    }

    void checkRealConverged(Map<String, Object> params) {
        Harness.checkRealAgain(check -> run(params, check), this::state);
    }

    @Test
    void debianSetsTheRunningNameAndEtcHostname() {
        checkRealConverged(Map.of("name", "web01.example.com"));
        assertEquals("web01.example.com\nweb01.example.com\nNETWORKING=yes\nHOSTNAME=old-name\nGATEWAY=10.0.0.1", state());
        Result r = run(Map.of("name", "web02"), true);
        assertEquals(List.of("set the running host name to web02", "update /etc/hostname"), r.descriptions());
        assertTrue(r.diffs().get(0).unified().contains("-hostname = web01.example.com\n+hostname = web02"), r.diffs().get(0).unified());
    }

    @Test
    void redhatSetsTheHostnameLineOnly() {
        checkRealConverged(Map.of("name", "el6-node1", "use", "redhat"));
        assertEquals("el6-node1\nold-name\nNETWORKING=yes\nHOSTNAME=el6-node1\nGATEWAY=10.0.0.1", state());
    }

    @Test
    void aHostileNameIsRefusedBeforeAnythingRuns() {
        String before = state();
        for (String bad : List.of("-F", "a;id", "$(id)", "a b", "x".repeat(65))) {
            Result r = run(Map.of("name", bad), false);
            assertEquals(Status.FAILED, r.status());
            assertTrue(r.msg().contains("is no host name"), r.msg());
        }
        assertEquals(before, state());
    }
}
