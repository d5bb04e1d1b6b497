package io.gplay.modules.gluster;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An option the volume does not have, on a Gluster with {@code volume get} (3.7 and later): refused before
 * anything is set, in check mode too. (Gluster 3.4 cannot list its options: glusterd refuses the name when it is
 * set; see Gluster34CliTest.)
 */
class GlusterOptionNamesTest {
    @TempDir
    Path dir;

    private static final String INFO = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><volInfo><volumes><volume><name>data</name>\
            <id>2a5c1f0e-0000-4000-8000-000000000001</id><status>2</status><statusStr>Stopped</statusStr>\
            <brickCount>2</brickCount><distCount>2</distCount><stripeCount>1</stripeCount><replicaCount>2</replicaCount>\
            <type>2</type><typeStr>Replicate</typeStr><transport>0</transport>\
            <bricks><brick uuid="u1">h1:/gluster/data0<name>h1:/gluster/data0</name><hostUuid>u1</hostUuid></brick>\
            <brick uuid="u2">h2:/gluster/data1<name>h2:/gluster/data1</name><hostUuid>u2</hostUuid></brick></bricks>\
            <optCount>0</optCount><options/></volume><count>1</count></volumes></volInfo></cliOutput>
            """;
    private static final String GET = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><volGetopts><count>1</count>\
            <Opt><Option>network.ping-timeout</Option><Value>42 (DEFAULT)</Value></Opt></volGetopts></cliOutput>
            """;

    @Test
    void anOptionNotAmongTheVolumesIsRefusedBeforeAnythingIsSet() throws Exception {
        Files.writeString(dir.resolve("info.xml"), INFO);
        Files.writeString(dir.resolve("get.xml"), GET);
        script("pidof", "exit 0\n");
        script("gluster", """
                case "$*" in
                  *"volume info"*) cat "$(dirname "$0")/info.xml" ;;
                  *"volume get"*) cat "$(dirname "$0")/get.xml" ;;
                  *"volume set"*) echo "$*" >> "$CALLS"; echo "volume set: success" ;;
                  *) echo "unexpected: $*" >&2; exit 1 ;;
                esac
                """);
        Path calls = dir.resolve("calls");
        for (boolean check : List.of(true, false)) {
            Result r = Harness.run(new GlusterVolumeModule(), Map.of("name", "data", "state", "stopped",
                    "options", Map.of("performance.no-such-option", "on")), check,
                    new PathFirstConnection(dir, Map.of("CALLS", calls)), Map.of());
            assertEquals(Status.FAILED, r.status(), r.msg());
            assertTrue(r.msg().contains("volume data has no option 'performance.no-such-option'"), r.msg());
        }
        assertFalse(Files.exists(calls), "nothing set");
    }

    private void script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }
}
