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

/** glusterPeer registers the pool and each peer's state, from a stand-in gluster answering peer status --xml. */
class GlusterPeerReturnsTest {
    @TempDir
    Path dir;

    private static final String PEERS = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cliOutput><opRet>0</opRet><opErrno>0</opErrno><opErrstr/><peerStatus>\
            <peer><uuid>1</uuid><hostname>h2</hostname><hostnames><hostname>h2</hostname><hostname>10.0.0.2</hostname></hostnames>\
            <connected>1</connected><state>3</state><stateStr>Peer in Cluster</stateStr></peer>\
            <peer><uuid>2</uuid><hostname>h3</hostname><hostnames><hostname>h3</hostname></hostnames>\
            <connected>0</connected><state>3</state><stateStr>Peer in Cluster</stateStr></peer>\
            </peerStatus></cliOutput>
            """;

    private void script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void registersThePoolAndEachPeersStateAndConnection() throws Exception {
        Files.writeString(dir.resolve("peers.xml"), PEERS);
        script("pidof", "exit 0\n");
        script("gluster", """
                case "$*" in
                  *"peer status"*) cat "$(dirname "$0")/peers.xml" ;;
                  *) echo "unexpected: $*" >&2; exit 1 ;;
                esac
                """);
        Result r = Harness.run(new GlusterPeerModule(), Map.of("peers", List.of("h2", "h4")), true,
                new PathFirstConnection(dir, Map.of()), Map.of());
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals(List.of("10.0.0.2", "h2", "h3"), r.data().get("peers"), "every name gluster records, sorted");
        assertEquals(Map.of("h2", Map.of("state", "Peer in Cluster", "connected", true),
                "h3", Map.of("state", "Peer in Cluster", "connected", false)), r.data().get("states"));
    }
}
