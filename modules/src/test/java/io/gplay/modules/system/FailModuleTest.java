package io.gplay.modules.system;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailModuleTest {
    @Test
    void failsWithItsMessageInARealRunAndInCheckMode() {
        for (boolean check : new boolean[]{false, true}) {
            Result r = Harness.run(new FailModule(), Map.of("msg", "Debian and Red Hat only; $(id)"), check);
            assertEquals(Status.FAILED, r.status());
            assertEquals("Debian and Red Hat only; $(id)", r.msg());
        }
        assertEquals("Failed as requested from task", Harness.run(new FailModule(), Map.of(), false).msg());
    }
}
