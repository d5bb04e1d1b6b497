package io.gplay.modules.gluster;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * glusterHealInfo reads what {@code gluster volume heal VOL info} prints in Gluster 3.4 and 10 (the texts below
 * are each version's format strings filled in: release-3.4 cli/src/cli-rpc-ops.c:6194-6208 and 6315,
 * afr-self-heald.c:472; release-10 heal/src/glfs-heal.c:936 and 464-486), run by a stand-in {@code gluster} first
 * on PATH.
 */
class GlusterHealInfoTest {
    @TempDir
    Path bin;

    static final String V34_HEALED = """
            Gathering Heal info on volume engine has been successful

            Brick lab1:/bricks/engine/brick
            Number of entries: 0

            Brick lab2:/bricks/engine/brick
            Number of entries: 0
            """;
    static final String V34_PENDING = """
            Gathering Heal info on volume engine has been successful

            Brick lab1:/bricks/engine/brick
            Number of entries: 2
            /vm1.img
            <gfid:6d5f2b6c-5b8d-4f0e-9a77-0b6f5c2a7d1e>

            Brick lab2:/bricks/engine/brick
            Status: Brick is Not connected
            Number of entries: 0
            """;
    static final String V10_HEALED = """
            Brick lab1:/bricks/engine/brick
            Status: Connected
            Number of entries: 0

            Brick lab2:/bricks/engine/brick
            Status: Connected
            Number of entries: 0

            """;
    static final String V10_DOWN = """
            Brick lab1:/bricks/engine/brick
            Status: Connected
            Number of entries: 1
            /vm1.img

            Brick lab2:/bricks/engine/brick
            Status: Transport endpoint is not connected
            Number of entries: -

            """;

    Result heal(String answer, int status, boolean glusterdRunning) throws IOException {
        write("gluster", "[ \"$*\" = '--mode=script volume heal engine info' ] || exit 9\ncat <<'EOF'\n" + answer
                + "EOF\nexit " + status);
        write("pidof", glusterdRunning ? "echo 4242" : "exit 1");
        return Harness.run(new GlusterHealInfoModule(), Map.of("volume", "engine"), true,
                new PathFirstConnection(bin, Map.of()), Map.of());
    }

    private void write(String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void nothingToHealOnEveryBrickIsHealedInBothVersions() throws IOException {
        for (String answer : List.of(V34_HEALED, V10_HEALED)) {
            Result r = heal(answer, 0, true);
            assertEquals(Status.OK, r.status(), r.msg());
            assertEquals(true, r.data().get("healed"));
            assertEquals(0L, r.data().get("entries"));
            assertEquals("engine: nothing to heal on 2 bricks", r.msg());
        }
    }

    @Test
    void entriesLeftOrABrickNotConnectedIsNotHealedAndSaysWhereStillOk() throws IOException {
        Result r = heal(V34_PENDING, 0, true);
        assertEquals(Status.OK, r.status(), "a report, not a failure: a gate or until: decides");
        assertEquals(false, r.data().get("healed"));
        assertEquals(2L, r.data().get("entries"));
        assertEquals("engine: 2 entries to heal on lab1:/bricks/engine/brick; lab2:/bricks/engine/brick Brick is Not"
                + " connected", r.msg());

        Result down = heal(V10_DOWN, 0, true);
        assertEquals(false, down.data().get("healed"));
        assertNull(down.data().get("entries"), "a brick that could not count leaves the total unknown");
        assertTrue(down.msg().contains("lab2:/bricks/engine/brick Transport endpoint is not connected"), down.msg());
    }

    @Test
    void aRefusedVolumeOrNoRunningGlusterdFailsTheTask() throws IOException {
        Result refused = heal("Volume engine is not of type replicate\n", 255, true);
        assertEquals(Status.FAILED, refused.status());
        assertTrue(refused.msg().contains("gluster volume heal engine info"), refused.msg());

        Result noDaemon = heal(V10_HEALED, 0, false);
        assertEquals(Status.FAILED, noDaemon.status());
        assertTrue(noDaemon.msg().contains("glusterd is not running"), noDaemon.msg());
    }
}
