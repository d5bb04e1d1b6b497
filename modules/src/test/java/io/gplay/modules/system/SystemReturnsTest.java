package io.gplay.modules.system;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What package, debug, verify and setFact register. */
class SystemReturnsTest {
    @Test
    void packageRegistersWhatWasInstalledAndWhatItWouldInstall() {
        // bash is installed wherever the tests run (dpkg-query, as the default facts say apt)
        Result r = Harness.run(new PackageModule(), Map.of("name", List.of("bash", "gplay-no-such-package")), true);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals(List.of("bash"), r.data().get("installed"));
        assertEquals(List.of("gplay-no-such-package"), r.data().get("packages"));
        assertFalse(r.data().containsKey("stdout"), "check mode ran no package manager");

        Result none = Harness.run(new PackageModule(), Map.of("name", "bash"), true);
        assertEquals(List.of(), none.data().get("packages"), "nothing to do");
    }

    @Test
    void verifyAndSetFactRegisterTheirValues() {
        assertEquals(true, Harness.run(new AssertModule(), Map.of("that", true), false).data().get("evaluated_to"));
        Result set = Harness.run(new SetFactModule(), Map.of("facts", Map.of("brick", "/gluster/data0")), false);
        assertEquals(Map.of("brick", "/gluster/data0"), set.data().get("facts"));
        assertEquals(true, Harness.run(new DebugModule(), Map.of("msg", "hi"), false).data().get("display"));
    }
}
