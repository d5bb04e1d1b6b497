package io.gplay.modules;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.ctdb.CtdbModule;
import io.gplay.modules.files.FileModule;
import io.gplay.modules.gluster.GlusterPeerModule;
import io.gplay.modules.gluster.GlusterVolumeModule;
import io.gplay.modules.storage.MountModule;
import io.gplay.modules.system.CommandModule;
import io.gplay.modules.system.ServiceModule;
import io.gplay.modules.system.ShellModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A value from a playbook is never read as an option by the program it is given to. */
class OptionValuesTest {
    @TempDir
    Path dir;

    private static final Map<String, Object> FACTS = Map.of("pkgMgr", "apt", "serviceMgr", "systemd", "osFamily", "Debian");

    private static Result run(Module m, Map<String, Object> params, ChangesRecorded conn) {
        return Harness.run(m, params, false, conn, FACTS);
    }

    private static void refused(Module m, Map<String, Object> params, String param) {
        ChangesRecorded conn = new ChangesRecorded();
        Result r = run(m, params, conn);
        assertEquals(Status.FAILED, r.status(), m.spec().name() + " " + params + ": " + r.msg());
        assertTrue(r.msg().startsWith(param + " '-"), r.msg());
        assertEquals(List.of(), conn.changes);
    }

    @Test
    void mountEndsItsOptionsBeforeTheSourceAndThePath() {
        ChangesRecorded conn = new ChangesRecorded();
        Result r = run(new MountModule(), Map.of("path", dir.resolve("m").toString(), "src", "-a"), conn);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertTrue(conn.changes.get(0).endsWith("mount -- -a " + dir.resolve("m")), conn.changes.toString());
    }

    @Test
    void ownerAndGroupAreNotOptionsOfChownOrChgrp() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        refused(new FileModule(), Map.of("path", f.toString(), "owner", "--reference=/etc/passwd"), "owner");
        refused(new FileModule(), Map.of("path", f.toString(), "group", "--reference=/etc/passwd"), "group");
    }

    @Test
    void aServiceNameIsNotAnOption() {
        refused(new ServiceModule(), Map.of("name", "--status-all", "state", "started", "manager", "sysvinit"), "name");
        refused(new ServiceModule(), Map.of("name", "--status-all", "state", "started"), "name");
    }

    @Test
    void commandsChdirAndProgramAreNotOptions() {
        refused(new CommandModule(), Map.of("cmd", "true", "chdir", "-"), "chdir");
        refused(new CommandModule(), Map.of("argv", List.of("-c", "echo hi")), "argv[0]");
        refused(new CommandModule(), Map.of("cmd", "-c 'echo hi'"), "cmd");
        refused(new ShellModule(), Map.of("cmd", "true", "chdir", "-P"), "chdir");
    }

    @Test
    void glusterNamesAreNotOptions() {
        refused(new GlusterVolumeModule(), Map.of("name", "-rf", "state", "absent"), "name");
        refused(new GlusterVolumeModule(), Map.of("name", "gv0", "bricks", List.of("-h:/b1", "h2:/b2"), "replica", 2), "bricks");
        refused(new GlusterPeerModule(), Map.of("peers", List.of("node2", "--mode=script")), "peers");
    }

    @Test
    void ctdbLinksEndTheirOptionsBeforeTheirPaths() {
        ChangesRecorded conn = new ChangesRecorded();
        Result r = run(new CtdbModule(), Map.of("sharedDir", "-shared", "writeShared", false, "style", "modern"), conn);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertTrue(conn.changes.stream().allMatch(c -> c.contains("ln -sfn -- -shared/")), conn.changes.toString());
    }
}
