package io.gplay.modules.storage;

import io.gplay.modules.Harness;
import io.gplay.modules.StandIns;

import io.gplay.engine.connection.Command;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ssm/lvm against the scripted stand-ins (src/test/resources/stand-ins): this machine's kernel has no
 * device-mapper, so no logical volume can be created, and ssm is not packaged in Debian. The disks are blank
 * image files, read by the real blkid. The real LVM2 path of add is in {@link LvmRealDeviceTest}.
 */
class SsmModuleTest {
    @TempDir
    Path dir;
    String vdb;
    String vdc;

    @BeforeEach
    void disks() throws Exception {
        vdb = Files.createFile(dir.resolve("vdb")).toString();
        vdc = Files.createFile(dir.resolve("vdc")).toString();
    }

    private static Result run(StandIns host, Map<String, Object> params, boolean check) {
        return Harness.run(new SsmModule(), params, check, host, Map.of());
    }

    private Map<String, Object> add(String device) {
        return Map.of("action", "add", "pool", "vg_gluster", "device", device);
    }

    @Test
    void withLvmToolsAddsTheDisksCreatesTheVolumeAndThenChangesNothing() throws Exception {
        StandIns host = new StandIns(dir, false);
        Result predicted = run(host, add(vdb), true);
        assertEquals(Status.CHANGED, predicted.status());
        assertEquals(List.of("pvcreate " + vdb, "vgcreate vg_gluster " + vdb), predicted.descriptions());
        assertEquals(List.of(), host.changes(), "check mode ran no changing command");
        assertEquals(List.of(), host.state("pvs"));

        Result added = run(host, add(vdb), false);
        assertEquals(Status.CHANGED, added.status());
        assertEquals(predicted.descriptions(), added.descriptions(), "check mode predicted the real run");
        assertEquals(List.of("pvcreate " + vdb, "vgcreate vg_gluster " + vdb), host.changes());
        assertEquals(List.of(vdb + "|vg_gluster"), host.state("pvs"));
        Result again = run(host, add(vdb), false);
        assertEquals(Status.OK, again.status());
        assertTrue(again.msg().contains("already in pool vg_gluster"), again.msg());

        Result extended = run(host, add(vdc), false);
        assertEquals(List.of("pvcreate " + vdc, "vgextend vg_gluster " + vdc), extended.descriptions());
        assertEquals(List.of(vdb + "|vg_gluster", vdc + "|vg_gluster"), host.state("pvs"));

        Map<String, Object> create = Map.of("action", "create", "pool", "vg_gluster", "name", "gluster", "fstype", "xfs");
        int before = host.changes().size();
        Result wouldCreate = run(host, create, true);
        assertEquals(List.of("lvcreate -y -n gluster -l 100%FREE vg_gluster", "mkfs.xfs /dev/vg_gluster/gluster"),
                wouldCreate.descriptions());
        assertEquals(before, host.changes().size(), "check mode ran no changing command");
        Result created = run(host, create, false);
        assertEquals(Status.CHANGED, created.status());
        assertEquals(wouldCreate.descriptions(), created.descriptions());
        List<String> all = host.changes();
        assertEquals(wouldCreate.descriptions(), all.subList(all.size() - 2, all.size()));
        String[] lv = host.state("lvs").get(0).split("\\|");
        assertEquals(List.of("vg_gluster", "gluster", "2147483648", "xfs"), List.of(lv).subList(0, 4), "the rest of the pool, as xfs");
        assertEquals(lv[4], created.data().get("uuid"));
        assertEquals("/dev/vg_gluster/gluster", created.data().get("path"));
        assertEquals(Status.OK, run(host, create, false).status(), "second run changes nothing");

        for (boolean check : List.of(true, false)) {
            Result list = run(host, Map.of("action", "list"), check);
            assertEquals(Status.OK, list.status());
            assertEquals(List.of(Map.of("name", "vg_gluster", "size", 2147483648L, "free", 0L)), list.data().get("pools"));
            assertEquals(List.of(Map.of("pool", "vg_gluster", "name", "gluster", "size", 2147483648L,
                    "path", "/dev/vg_gluster/gluster")), list.data().get("volumes"));
            assertEquals("lvm", list.data().get("tool"));
        }
    }

    @Test
    void withSsmInstalledGoesThroughSsm() throws Exception {
        StandIns host = new StandIns(dir, true);
        Result predicted = run(host, add(vdb), true);
        assertEquals(List.of("ssm add -p vg_gluster " + vdb), predicted.descriptions());
        assertEquals(List.of(), host.changes());
        assertEquals(Status.CHANGED, run(host, add(vdb), false).status());
        assertEquals(List.of("ssm add -p vg_gluster " + vdb), host.changes());
        assertEquals(List.of(vdb + "|vg_gluster"), host.state("pvs"));
        assertEquals(Status.OK, run(host, add(vdb), false).status());

        Map<String, Object> create = Map.of("action", "create", "pool", "vg_gluster", "name", "gluster",
                "fstype", "xfs", "size", "512M");
        assertEquals(List.of("ssm create -p vg_gluster --fstype xfs -n gluster -s 512M"), run(host, create, true).descriptions());
        Result created = run(host, create, false);
        assertEquals(Status.CHANGED, created.status());
        assertEquals("ssm", created.data().get("tool"));
        assertEquals(List.of("ssm add -p vg_gluster " + vdb, "ssm create -p vg_gluster --fstype xfs -n gluster -s 512M"),
                host.changes());
        assertTrue(host.state("lvs").get(0).startsWith("vg_gluster|gluster|536870912|xfs|"), host.state("lvs").toString());
        assertEquals(Status.OK, run(host, create, false).status());

        Result list = run(host, Map.of("action", "list"), true);
        assertEquals(Status.OK, list.status());
        assertTrue(list.data().get("stdout").toString().contains("vg_gluster"), "ssm list's own output is registered");

        Result viaLvm = run(host, Map.of("action", "create", "pool", "vg_gluster", "name", "bricks", "tool", "lvm"), true);
        assertEquals(List.of("lvcreate -y -n bricks -l 100%FREE vg_gluster"), viaLvm.descriptions(), "tool: 'lvm' bypasses ssm");
    }

    @Test
    void theStandInsRefuseCommandLinesTheRealToolsWouldNot() throws Exception {
        StandIns host = new StandIns(dir, true);
        // ssm create takes devices and a mount point as positional arguments; a size goes with -s.
        assertEquals(3, host.exec(Command.change("ssm create -p vg_gluster --fstype xfs -n gluster 10G")).rc());
        assertEquals(3, host.exec(Command.change("lvcreate -n gluster vg_gluster")).rc(), "lvcreate needs -l or -L");
        assertEquals(3, host.exec(Command.change("vgcreate " + vdb)).rc(), "vgcreate needs a pool and a device");
    }

    @Test
    void neverDestroysDataUnlessForcedAndNeverMovesADiskBetweenPools() throws Exception {
        StandIns host = new StandIns(dir, false);
        Path xfs = dir.resolve("xfs.img");
        new ProcessBuilder("sh", "-c", "truncate -s 300M " + xfs + " && mkfs.xfs -q " + xfs).inheritIO().start().waitFor();
        Map<String, Object> p = new HashMap<>(add(xfs.toString()));
        for (boolean check : List.of(true, false)) {
            Result refused = run(host, p, check);
            assertEquals(Status.FAILED, refused.status());
            assertTrue(refused.msg().contains("xfs file system") && refused.msg().contains("force: true"), refused.msg());
        }
        assertEquals(List.of(), host.changes());
        p.put("force", true);
        Result forced = run(host, p, false);
        assertEquals(List.of("pvcreate -y " + xfs + " (overwriting xfs file system)", "vgcreate vg_gluster " + xfs),
                forced.descriptions());
        assertEquals(List.of("pvcreate -y " + xfs, "vgcreate vg_gluster " + xfs), host.changes());

        run(host, Map.of("action", "add", "pool", "vg_other", "device", vdb), false);
        Map<String, Object> steal = new HashMap<>(add(vdb));
        steal.put("force", true);
        Result moved = run(host, steal, false);
        assertEquals(Status.FAILED, moved.status());
        assertTrue(moved.msg().contains("is in pool vg_other"), moved.msg());
        assertTrue(host.state("pvs").contains(vdb + "|vg_other"));
    }

    @Test
    void badParametersMissingPoolsAndMissingToolsFailClearly() throws Exception {
        StandIns host = new StandIns(dir, false);
        Map<String, Object> create = Map.of("action", "create", "pool", "vg_gluster", "name", "gluster");
        Result noPool = run(host, create, false);
        assertEquals(Status.FAILED, noPool.status());
        assertTrue(noPool.msg().contains("pool vg_gluster does not exist"), noPool.msg());
        Result predicted = run(host, create, true);
        assertEquals(Status.CHANGED, predicted.status(), "in check mode an earlier add may make the pool");
        assertEquals(List.of("lvcreate -y -n gluster -l 100%FREE vg_gluster (pool vg_gluster does not exist yet)"),
                predicted.descriptions());

        assertFails(host, Map.of("action", "create", "pool", "vg_gluster", "name", "gluster", "size", "10"), "unit");
        assertFails(host, Map.of("action", "create", "pool", "vg_gluster", "name", "-rf"), "LVM name");
        assertFails(host, Map.of("action", "add", "pool", "vg_gluster"), "give 'device' when action is 'add'");
        assertFails(host, Map.of("action", "add", "device", vdb), "give 'pool' when action is 'add'");
        assertFails(host, Map.of("action", "add", "pool", "vg_gluster", "device", dir.resolve("nosuch").toString()),
                "does not exist");
        assertFails(host, Map.of("action", "list", "tool", "ssm"), "ssm is not installed");
        assertEquals(List.of(), host.changes());
    }

    private static void assertFails(StandIns host, Map<String, Object> params, String why) {
        Result r = run(host, params, false);
        assertEquals(Status.FAILED, r.status(), params.toString());
        assertTrue(r.msg().contains(why), r.msg());
    }

    @Test
    void isAlsoCalledLvm() {
        assertEquals("lvm", new LvmModule().spec().name());
        assertEquals(new SsmModule().spec().params(), new LvmModule().spec().params());
    }
}
