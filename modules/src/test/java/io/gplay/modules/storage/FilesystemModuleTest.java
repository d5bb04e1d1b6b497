package io.gplay.modules.storage;

import io.gplay.modules.Harness;
import io.gplay.modules.LoopDevices;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filesystem module with the real mkfs and blkid, on sparse image files (300M: the smallest xfs). */
class FilesystemModuleTest {
    @TempDir
    Path dir;

    private static String blkid(String what, Path image) {
        return LoopDevices.sh("blkid -p -o value -s " + what + " " + image + " || true").strip();
    }

    @Test
    void makesXfsOnceOnABlankDevice() {
        Path disk = dir.resolve("vdb.img");
        LoopDevices.sh("truncate -s 300M " + disk);
        Map<String, Object> p = Map.of("dev", disk.toString(), "fstype", "xfs");
        Result predicted = Harness.run(new FilesystemModule(), p, true);
        assertEquals(Status.CHANGED, predicted.status());
        assertEquals(List.of("mkfs.xfs " + disk), predicted.descriptions());
        assertEquals("", blkid("TYPE", disk), "check mode made nothing");

        Result made = Harness.run(new FilesystemModule(), p, false);
        assertEquals(Status.CHANGED, made.status(), made.msg());
        assertEquals("xfs", blkid("TYPE", disk));
        String uuid = blkid("UUID", disk);
        assertEquals(uuid, made.data().get("uuid"));

        Result again = Harness.run(new FilesystemModule(), p, false);
        assertEquals(Status.OK, again.status());
        assertEquals(uuid, blkid("UUID", disk), "not made again");
        assertEquals(uuid, again.data().get("uuid"));
        assertEquals("xfs file system", again.data().get("found"));
        assertEquals("", made.data().get("found"), "the device was blank");
        assertEquals(disk.toString(), made.data().get("dev"));
        assertEquals("xfs", made.data().get("fstype"));
    }

    @Test
    void refusesToOverwriteAnotherFileSystemUnlessForced() {
        Path disk = dir.resolve("vdc.img");
        LoopDevices.sh("truncate -s 300M " + disk + " && mkfs.xfs -q " + disk);
        String uuid = blkid("UUID", disk);
        Map<String, Object> p = new HashMap<>(Map.of("dev", disk.toString(), "fstype", "ext4", "opts", "-L 'brick one'"));
        for (boolean check : List.of(true, false)) {
            Result refused = Harness.run(new FilesystemModule(), p, check);
            assertEquals(Status.FAILED, refused.status());
            assertTrue(refused.msg().contains("xfs file system") && refused.msg().contains("force: true"), refused.msg());
        }
        assertEquals(uuid, blkid("UUID", disk), "untouched");
        p.put("force", true);
        Result forced = Harness.run(new FilesystemModule(), p, false);
        assertEquals(List.of("mkfs.ext4 -F -L 'brick one' " + disk + " (overwriting xfs file system)"), forced.descriptions());
        assertEquals("ext4", blkid("TYPE", disk));
        assertEquals("brick one", blkid("LABEL", disk), "opts are passed as words");
    }

    @Test
    void forceNeverFormatsAMountedDevice() {
        try (LoopDevices loops = LoopDevices.require()) {
            String dev = loops.attach(dir.resolve("brick.img"), "300M");
            Path mnt = dir.resolve("brick");
            LoopDevices.sh("mkfs.xfs -q " + dev + " && mkdir -p " + mnt + " && mount " + dev + " " + mnt);
            try {
                Map<String, Object> p = Map.of("dev", dev, "fstype", "ext4", "force", true);
                for (boolean check : List.of(true, false)) {
                    Result refused = Harness.run(new FilesystemModule(), p, check);
                    assertEquals(Status.FAILED, refused.status(), "check mode " + check);
                    assertEquals(dev + " is mounted on " + mnt + ": force does not format a device in use", refused.msg());
                }
                assertEquals("xfs", LoopDevices.sh("blkid -p -o value -s TYPE " + dev).strip(), "untouched");
            } finally {
                loops.quietly("umount " + mnt);
            }
        }
    }

    @Test
    void aMissingDeviceFailsAndIsPredictedInCheckMode() {
        String missing = dir.resolve("vg/gluster").toString();
        Map<String, Object> p = Map.of("dev", missing);
        Result failed = Harness.run(new FilesystemModule(), p, false);
        assertEquals(Status.FAILED, failed.status());
        assertTrue(failed.msg().contains("does not exist"), failed.msg());
        Result predicted = Harness.run(new FilesystemModule(), p, true);
        assertEquals(List.of("mkfs.xfs " + missing + " (" + missing + " does not exist yet)"), predicted.descriptions());
        Result relative = Harness.run(new FilesystemModule(), Map.of("dev", "vdb"), false);
        assertTrue(relative.msg().contains("absolute path"), relative.msg());
    }
}
