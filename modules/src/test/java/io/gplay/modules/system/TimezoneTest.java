package io.gplay.modules.system;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
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
 * The timezone module's link strategy for real in a throw-away mount namespace over an overlay of /etc (see
 * {@link Namespaced}); timedatectl needs a running systemd, which this machine lacks, and is not run here.
 */
class TimezoneTest {
    static final Map<String, Object> DEBIAN = Map.of("osFamily", "Debian", "serviceMgr", "sysvinit");

    @TempDir
    Path work;
    Namespaced ns;

    @BeforeEach
    void namespace() throws IOException {
        ns = new Namespaced(work, "/etc");
        ns.sh("ln -sfn /usr/share/zoneinfo/Etc/UTC /etc/localtime && echo Etc/UTC > /etc/timezone");
    }

    @AfterEach
    void end() {
        ns.close();
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new TimezoneModule(), params, check, ns, DEBIAN);
    }

    String state() {
        return ns.sh("readlink /etc/localtime; cat /etc/timezone");
    }

    @Test
    void setsTheLinkAndEtcTimezoneOnceThenOk() {
        Map<String, Object> paris = Map.of("name", "Europe/Paris");
        String before = state();
        Result check = run(paris, true);
        assertEquals(List.of("set the time zone to Europe/Paris", "update /etc/timezone"), check.descriptions());
        assertTrue(check.diffs().get(0).unified().contains("-name: Etc/UTC\n+name: Europe/Paris"), check.diffs().get(0).unified());
        assertEquals(before, state(), "a check run changed nothing");
        Result real = run(paris, false);
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(check.diffs(), real.diffs());
        assertEquals("/usr/share/zoneinfo/Europe/Paris\nEurope/Paris\n", state());
        assertEquals(Status.OK, run(paris, false).status());
        assertEquals("CET", ns.sh("date -d 2026-01-01 +%Z").strip(), "the C library reads the new zone");
    }

    @Test
    void aCheckRunsLaterTasksSeeTheZoneItWouldSet() {
        HostContext where = HostContext.of(new Host("ns", List.of(), Map.of()), DEBIAN, ns, true);
        assertEquals(Status.CHANGED, Harness.run(new TimezoneModule(), Map.of("name", "Asia/Tokyo"), where).status());
        assertEquals(Status.OK, Harness.run(new TimezoneModule(), Map.of("name", "Asia/Tokyo"), where).status());
    }

    @Test
    void anUnknownOrHostileZoneIsRefusedBeforeAnythingChanges() {
        String before = state();
        for (String bad : List.of("Mars/Olympus", "../../etc/passwd", "-sf", "Europe/Paris; id", "$(id)", "Europe")) {
            Result r = run(Map.of("name", bad), false);
            assertEquals(Status.FAILED, r.status(), bad);
            assertTrue(r.msg().contains("is not available") || r.msg().contains("is no time zone name"), r.msg());
        }
        assertEquals(before, state());
    }
}
