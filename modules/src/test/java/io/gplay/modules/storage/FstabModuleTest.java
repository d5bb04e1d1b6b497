package io.gplay.modules.storage;

import io.gplay.modules.Harness;
import io.gplay.modules.LoopDevices;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FstabModuleTest {
    // Tabs, aligned columns, comments, a blank line and no final newline: all must survive byte for byte.
    static final String ORIGINAL = "# /etc/fstab: static file system information.\n"
            + "UUID=1111-root\t/\text4\terrors=remount-ro 0       1\n"
            + "\n"
            + "  # swap was on /dev/vda5 during installation\n"
            + "/dev/vda5  none   swap    sw      0   0\n"
            + "/dev/sr0        /media/cdrom0   udf,iso9660 user,noauto     0       0";

    @TempDir
    Path dir;
    LoopDevices loops;
    String mountPoint;

    @AfterEach
    void cleanUp() {
        if (loops != null) {
            loops.quietly("umount " + mountPoint);
            loops.close();
        }
    }

    private Map<String, Object> params(Path file, Object... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("path", "/gluster", "file", file.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void addsOneEntryOnceAndKeepsEveryOtherByte() throws Exception {
        Path fstab = dir.resolve("fstab");
        Files.writeString(fstab, ORIGINAL);
        Map<String, Object> p = params(fstab, "source", "UUID=abcd-1234", "fstype", "xfs", "dump", 1, "pass", 2);
        Result predicted = Harness.run(new FstabModule(), p, true);
        assertEquals(Status.CHANGED, predicted.status());
        assertTrue(predicted.diffs().get(0).unified().contains("+UUID=abcd-1234 /gluster xfs defaults 1 2"));
        assertEquals(ORIGINAL, Files.readString(fstab), "check mode wrote nothing");

        Result added = Harness.run(new FstabModule(), p, false);
        assertEquals(Status.CHANGED, added.status(), added.msg());
        assertEquals(ORIGINAL + "\nUUID=abcd-1234 /gluster xfs defaults 1 2\n", Files.readString(fstab));
        assertEquals("UUID=abcd-1234 /gluster xfs defaults 1 2", added.data().get("entry"));
        assertEquals("", added.data().get("found"), "the table had no entry for /gluster");
        assertEquals(Status.OK, Harness.run(new FstabModule(), p, false).status(), "second run changes nothing");
        assertEquals(Status.OK, Harness.run(new FstabModule(), p, true).status());
    }

    @Test
    void keepsTheBytesOfLinesThatAreNotUtf8() throws Exception {
        Path fstab = dir.resolve("fstab");
        byte[] latin1 = "# disque de donn\u00e9es\n/dev/vdc /donn\u00e9es ext4 defaults 0 2\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(fstab, latin1);
        Result added = Harness.run(new FstabModule(), params(fstab, "source", "UUID=abcd-1234", "fstype", "xfs"), false);
        assertEquals(Status.CHANGED, added.status(), added.msg());
        byte[] entry = "UUID=abcd-1234 /gluster xfs defaults 0 0\n".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = Arrays.copyOf(latin1, latin1.length + entry.length);
        System.arraycopy(entry, 0, expected, latin1.length, entry.length);
        assertArrayEquals(expected, Files.readAllBytes(fstab));
        assertTrue(added.diffs().get(0).unified().contains("\n /dev/vdc /donn\\xe9es ext4"), added.diffs().get(0).unified());
    }

    @Test
    void aFieldFstabCannotHoldIsRefusedNamingIt() throws Exception {
        // (a NUL, which no parameter of any module can hold, is refused when the plan is made: ParamValidator)
        Path fstab = dir.resolve("fstab");
        Files.writeString(fstab, ORIGINAL);
        for (Object[] bad : new Object[][]{{"options", ""}, {"options", "defaults\r"}, {"source", "/dev/vdb\u001b"}, {"path", "/gluster\r"}}) {
            Result r = Harness.run(new FstabModule(), params(fstab, "source", "UUID=abcd-1234", "fstype", "xfs", bad[0], bad[1]), false);
            assertEquals(Status.FAILED, r.status(), bad[0] + ": " + r.msg());
            assertTrue(r.msg().startsWith(bad[0] + " "), r.msg());
        }
        assertEquals(ORIGINAL, Files.readString(fstab));
    }

    @Test
    void replacesTheEntryForTheMountPointInPlaceAndDropsDuplicates() throws Exception {
        Path fstab = dir.resolve("fstab");
        String before = "# bricks\n/dev/vdb1\t/gluster/\txfs\tdefaults\t0 0\n/dev/vdc /srv ext4 defaults 0 2\n"
                + "/dev/vdd /gluster xfs noatime 0 0\n# end\n";
        Files.writeString(fstab, before);
        Map<String, Object> p = params(fstab, "source", "UUID=abcd-1234", "fstype", "xfs", "options", "defaults,noatime",
                "dump", 1, "pass", 2, "backup", true);
        Result replaced = Harness.run(new FstabModule(), p, false);
        assertEquals(Status.CHANGED, replaced.status());
        assertEquals("# bricks\nUUID=abcd-1234 /gluster xfs defaults,noatime 1 2\n/dev/vdc /srv ext4 defaults 0 2\n# end\n",
                Files.readString(fstab));
        String diff = replaced.diffs().get(0).unified();
        assertTrue(diff.contains("-/dev/vdb1\t/gluster/\txfs\tdefaults\t0 0") && diff.contains("-/dev/vdd /gluster xfs noatime 0 0"), diff);
        assertEquals(before, Files.readString(Path.of((String) replaced.data().get("backup_file"))));
        assertEquals("/dev/vdb1\t/gluster/\txfs\tdefaults\t0 0", replaced.data().get("found"), "the first entry, as it was");

        // An entry whose fields already match keeps its own spacing.
        String tabbed = "UUID=abcd-1234\t/gluster\txfs\tdefaults,noatime\t1\t2\n";
        Files.writeString(fstab, tabbed);
        assertEquals(Status.OK, Harness.run(new FstabModule(), p, false).status());
        assertEquals(tabbed, Files.readString(fstab));
    }

    @Test
    void removesTheEntryWithStateAbsent() throws Exception {
        Path fstab = dir.resolve("fstab");
        Files.writeString(fstab, ORIGINAL + "\n/dev/vdb /gluster xfs defaults 1 2\n");
        Map<String, Object> p = params(fstab, "state", "absent");
        assertEquals(Status.CHANGED, Harness.run(new FstabModule(), p, true).status());
        assertTrue(Files.readString(fstab).contains("/gluster"), "check mode wrote nothing");
        assertEquals(Status.CHANGED, Harness.run(new FstabModule(), p, false).status());
        assertEquals(ORIGINAL + "\n", Files.readString(fstab));
        assertEquals(Status.OK, Harness.run(new FstabModule(), p, false).status());
        assertEquals(Status.OK, Harness.run(new FstabModule(), params(dir.resolve("none"), "state", "absent"), false).status());
    }

    @Test
    void mountPointsWithSpacesAreEscapedAsFstabWantsThem() throws Exception {
        Path fstab = dir.resolve("fstab");
        Map<String, Object> p = params(fstab, "path", "/mnt/my bricks", "source", "LABEL=my bricks", "fstype", "xfs");
        assertEquals(Status.CHANGED, Harness.run(new FstabModule(), p, false).status());
        assertEquals("LABEL=my\\040bricks /mnt/my\\040bricks xfs defaults 0 0\n", Files.readString(fstab));
        assertEquals(Status.OK, Harness.run(new FstabModule(), p, false).status());
    }

    @Test
    void badParametersFailClearly() {
        Path fstab = dir.resolve("fstab");
        assertTrue(Harness.run(new FstabModule(), params(fstab, "fstype", "xfs"), false).msg().contains("give 'source' or 'uuidOf' when state is 'present' (the default)"));
        assertTrue(Harness.run(new FstabModule(), params(fstab, "source", "/dev/vdb", "uuidOf", "/dev/vdb", "fstype", "xfs"), false)
                .msg().contains("give only one of 'source' and 'uuidOf'"));
        assertTrue(Harness.run(new FstabModule(), params(fstab, "source", "/dev/vdb"), false).msg().contains("give 'fstype' when state is 'present'"));
        assertTrue(Harness.run(new FstabModule(), params(fstab, "path", "gluster", "source", "/dev/vdb", "fstype", "xfs"), false)
                .msg().contains("absolute"));
        assertTrue(Harness.run(new FstabModule(), params(fstab, "state", "absent", "mount", true), false).msg()
                .contains("parameter 'state' must be 'present' when mount is true, got 'absent'"));
        assertFalse(Files.exists(fstab));
    }

    @Test
    void uuidOfARealXfsDeviceAndMountingIt() throws Exception {
        loops = LoopDevices.require();
        String dev = loops.attach(dir.resolve("brick.img"), "300M");
        mountPoint = dir.resolve("gluster").toString();
        Path fstab = dir.resolve("fstab");
        Files.writeString(fstab, ORIGINAL);
        Map<String, Object> p = params(fstab, "path", mountPoint, "uuidOf", dev, "fstype", "xfs", "options", "defaults",
                "dump", 1, "pass", 2, "mount", true);

        // Before the file system exists: check mode predicts with a placeholder, a real run refuses.
        Result predicted = Harness.run(new FstabModule(), p, true);
        assertEquals(Status.CHANGED, predicted.status(), predicted.msg());
        assertTrue(predicted.diffs().get(0).unified().contains("+UUID=<uuid of " + dev + " after mkfs> " + mountPoint), predicted.diffs().get(0).unified());
        assertEquals(List.of("update " + fstab, "mount " + mountPoint), predicted.descriptions());
        assertEquals(ORIGINAL, Files.readString(fstab));
        Result noUuid = Harness.run(new FstabModule(), p, false);
        assertEquals(Status.FAILED, noUuid.status());
        assertTrue(noUuid.msg().contains("has no file system UUID"), noUuid.msg());

        LoopDevices.sh("mkfs.xfs -q " + dev);
        String uuid = LoopDevices.sh("blkid -s UUID -o value " + dev).strip();
        Result done = Harness.run(new FstabModule(), p, false);
        assertEquals(Status.CHANGED, done.status(), done.msg());
        assertEquals(ORIGINAL + "\nUUID=" + uuid + " " + mountPoint + " xfs defaults 1 2\n", Files.readString(fstab));
        assertEquals(dev, LoopDevices.sh("findmnt -n -o SOURCE --mountpoint " + mountPoint).strip());
        assertEquals(Status.OK, Harness.run(new FstabModule(), p, false).status(), "entry there, mounted: nothing to do");
        assertEquals(Status.OK, Harness.run(new FstabModule(), p, true).status());
    }
}
