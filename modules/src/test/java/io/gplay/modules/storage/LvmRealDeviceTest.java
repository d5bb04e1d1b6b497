package io.gplay.modules.storage;

import io.gplay.modules.Harness;
import io.gplay.modules.LoopDevices;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.AfterEach;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lvm module's add with the real LVM2 tools on loop devices: physical volumes and volume groups are only
 * metadata, so they work on this machine although its kernel has no device-mapper (logical volumes do not).
 */
class LvmRealDeviceTest {
    @TempDir
    Path dir;
    LoopDevices loops;
    final String pool = "gplay_test_" + ProcessHandle.current().pid();

    @BeforeEach
    void lvm2() {
        loops = LoopDevices.require();
        Needs.require(LoopDevices.ok("command -v pvs"), "lvm2 is not installed");
    }

    @AfterEach
    void cleanUp() {
        if (loops != null) {
            loops.quietly("vgremove -f " + pool);
            loops.devices().forEach(d -> loops.quietly("pvremove -ff -y " + d));
            loops.close();
        }
    }

    private static Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new LvmModule(), params, check);
    }

    /** The pool of a device as pvs reports it ("" for a bare physical volume), or null when it is not one. */
    private static String poolOf(String dev) {
        for (String line : LoopDevices.sh("pvs --noheadings -o pv_name,vg_name --separator '|'").split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f[0].equals(dev)) {
                return f[1];
            }
        }
        return null;
    }

    @Test
    void addsABlankDiskToANewPoolOnceAndRefusesOneWithAFileSystemUnlessForced() {
        String vdb = loops.attach(dir.resolve("vdb.img"), "200M");
        Map<String, Object> add = Map.of("action", "add", "pool", pool, "device", vdb, "tool", "lvm");
        Result predicted = run(add, true);
        assertEquals(Status.CHANGED, predicted.status());
        assertEquals(List.of("pvcreate " + vdb, "vgcreate " + pool + " " + vdb), predicted.descriptions());
        assertEquals(null, poolOf(vdb), "check mode changed nothing");

        Result added = run(add, false);
        assertEquals(Status.CHANGED, added.status(), added.msg());
        assertEquals(predicted.descriptions(), added.descriptions());
        assertEquals(pool, poolOf(vdb));
        assertEquals(Status.OK, run(add, false).status(), "second run changes nothing");

        Result list = run(Map.of("action", "list", "tool", "lvm"), true);
        assertEquals(Status.OK, list.status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pools = (List<Map<String, Object>>) list.data().get("pools");
        Map<String, Object> ours = pools.stream().filter(p -> p.get("name").equals(pool)).findFirst().orElseThrow();
        assertTrue((Long) ours.get("size") > 100_000_000L, ours.toString());

        String vdc = loops.attach(dir.resolve("vdc.img"), "200M");
        LoopDevices.sh("mkfs.ext4 -q " + vdc);
        Map<String, Object> second = Map.of("action", "add", "pool", pool, "device", vdc, "tool", "lvm");
        Result refused = run(second, false);
        assertEquals(Status.FAILED, refused.status());
        assertTrue(refused.msg().contains("ext4 file system"), refused.msg());
        assertEquals(null, poolOf(vdc));
        assertTrue(LoopDevices.sh("blkid -p -o value -s TYPE " + vdc).contains("ext4"), "the file system is untouched");

        Map<String, Object> forced = new java.util.HashMap<>(second);
        forced.put("force", true);
        Result extended = run(forced, false);
        assertEquals(List.of("pvcreate -y " + vdc + " (overwriting ext4 file system)", "vgextend " + pool + " " + vdc),
                extended.descriptions(), extended.msg());
        assertEquals(pool, poolOf(vdc));
    }
}
