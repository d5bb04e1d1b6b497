package io.gplay.modules.storage;

import io.gplay.modules.Harness;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mount on this machine's kernel (the tests run as root): what is mounted is compared, not only whether. */
class MountModuleTest {
    @TempDir
    Path dir;

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", dir.resolve("mnt").toString()).start().waitFor();
    }

    @Test
    void somethingElseMountedOnThePathIsNamedNotTakenForTheMount() throws Exception {
        String mnt = dir.resolve("mnt").toString();
        Map<String, Object> scratch = Map.of("path", mnt, "src", "gplay-scratch", "fstype", "tmpfs");
        assertEquals(Status.CHANGED, Harness.run(new MountModule(), scratch, false).status());
        Result same = Harness.run(new MountModule(), scratch, false);
        assertEquals(Status.OK, same.status(), "the same mount is in place");
        assertEquals("gplay-scratch", same.data().get("src"), "what /proc/self/mountinfo says is mounted");
        assertEquals("tmpfs", same.data().get("fstype"));
        assertEquals("mounted", same.data().get("state"));

        Map<String, Object> meta = Map.of("path", mnt, "src", "localhost:/meta", "fstype", "glusterfs");
        for (boolean check : new boolean[] {true, false}) {
            Result r = Harness.run(new MountModule(), meta, check);
            assertEquals(Status.FAILED, r.status(), "check mode " + check);
            assertTrue(r.msg().contains(mnt + " has gplay-scratch (tmpfs) mounted on it, not localhost:/meta (glusterfs)"),
                    r.msg());
        }
    }
}
