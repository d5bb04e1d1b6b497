package io.gplay.modules.gluster;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * glusterVolume against the CLI of Gluster 3.4, the procedure's version, as far as the module asks it: a stand-in
 * that answers as release-3.4's CLI does. Each answer cites its source:
 * <ul>
 * <li>{@code volume info --xml}: a brick is {@code <brick>HOST:/PATH</brick>}, text only
 * ({@code cli/src/cli-xml-output.c:2596-2606}); set options as {@code <option><name/><value/></option>};</li>
 * <li>{@code volume get}: no such command ({@code cli/src/cli-cmd-volume.c:1855-1962} lists none), so the CLI
 * prints "unrecognized word: get (position 1)" and fails ({@code cli/src/cli-cmd.c:115-119}).</li>
 * </ul>
 * The lab's Gluster 10 is the other side for everything else.
 */
class Gluster34CliTest {
    @TempDir
    Path dir;
    private Path log;

    private static final String INFO = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><volInfo><volumes><volume><name>data</name>\
            <id>2a5c1f0e-0000-4000-8000-000000000001</id><status>2</status><statusStr>Stopped</statusStr>\
            <brickCount>2</brickCount><distCount>2</distCount><stripeCount>1</stripeCount><replicaCount>2</replicaCount>\
            <type>2</type><typeStr>Replicate</typeStr><transport>0</transport>\
            <bricks><brick>h1:/gluster/data0</brick><brick>h2:/gluster/data1</brick></bricks>\
            <optCount>1</optCount><options><option><name>storage.owner-uid</name><value>36</value></option></options>\
            </volume><count>1</count></volumes></volInfo></cliOutput>
            """;

    @BeforeEach
    void standIn() throws Exception {
        log = dir.resolve("calls");
        Files.writeString(dir.resolve("info.xml"), INFO);
        script("pidof", "exit 0\n");
        script("gluster", """
                case "$*" in
                  *"volume info"*) cat "$(dirname "$0")/info.xml" ;;
                  *"volume get"*) echo "unrecognized word: get (position 1)"; exit 1 ;;
                  *"volume set"*) echo "$*" >> "$CALLS"; echo "volume set: success" ;;
                  *) echo "unexpected: $*" >&2; exit 1 ;;
                esac
                """);
    }

    private void script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    private Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new GlusterVolumeModule(), params, check,
                new PathFirstConnection(dir, Map.of("CALLS", log)), Map.of());
    }

    @Test
    void anOptionNotSetIsSetWithoutVolumeGetAndBricksAreReadFromTheirText() throws Exception {
        Map<String, Object> params = Map.of("name", "data", "state", "stopped",
                "bricks", List.of("h1:/gluster/data0", "h2:/gluster/data1"),
                "options", Map.of("storage.owner-uid", "36", "network.ping-timeout", "10"));

        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertTrue(check.msg().contains("set network.ping-timeout on volume data"), check.msg());

        Result real = run(params, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(List.of("--mode=script volume set data network.ping-timeout 10"), Files.readAllLines(log));
    }

    @Test
    void everyOptionSetAlreadyIsOkAndAsksNothingMore() {
        Result r = run(Map.of("name", "data", "state", "stopped", "bricks", List.of("h1:/gluster/data0", "h2:/gluster/data1"),
                "options", Map.of("storage.owner-uid", "36")), false);
        assertEquals(Status.OK, r.status(), r.msg());
        assertTrue(!Files.exists(log));
        // what volume info said, as register gives it
        assertEquals("Stopped", r.data().get("status"));
        assertEquals("Replicate", r.data().get("type"));
        assertEquals(2, r.data().get("replica"));
        assertEquals(List.of("h1:/gluster/data0", "h2:/gluster/data1"), r.data().get("bricks"));
        assertEquals(Map.of("storage.owner-uid", "36"), r.data().get("options"));
    }
}
