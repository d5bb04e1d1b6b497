package io.gplay.modules.gluster;

import io.gplay.modules.Harness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text the Gluster modules read and write, checked without hosts: glusterd.vol edits, option names and values, volume layouts. Their behaviour on real glusterd is tested in the lab (tests module). */
class GlusterTextTest {
    private static final String GLUSTERD_VOL = """
            volume management
                type mgmt/glusterd
                option working-directory /var/lib/glusterd
                option transport-type socket,rdma
            #   option base-port 49152
            end-volume
            """;
    @Test
    void glusterdVolOptionsAreSetInPlaceOrAddedBeforeEndVolume() {
        String edited = GlusterdModule.edit(GLUSTERD_VOL, Map.of("base-port", 50152));
        assertTrue(edited.contains("\n    option base-port 50152\nend-volume"), edited);
        assertFalse(edited.contains("49152"), "the commented line is the one set, as the procedure says");
        String more = GlusterdModule.edit(edited, Map.of("max-port", 50251));
        assertTrue(more.contains("    option base-port 50152\n    option max-port 50251\nend-volume"), more);
        assertEquals(more, GlusterdModule.edit(more, Map.of("base-port", 50152, "max-port", 50251)), "idempotent");
        assertNull(GlusterdModule.edit("# no block\n", Map.of("base-port", 1)));
    }

    @Test
    void volumeOptionsMatchByShortOrFullNameAndGlusterBooleanSpellings() {
        Map<String, String> current = Map.of("performance.quick-read", "off", "cluster.eager-lock", "enable",
                "storage.owner-uid", "36");
        assertEquals("off", GlusterVolumeModule.lookup(current, "quick-read"));
        assertEquals("enable", GlusterVolumeModule.lookup(current, "cluster.eager-lock"));
        assertNull(GlusterVolumeModule.lookup(current, "read-ahead"));
        assertTrue(GlusterVolumeModule.same("enable", "on"));
        assertTrue(GlusterVolumeModule.same("off", "disable"));
        assertTrue(GlusterVolumeModule.same("36", "36"));
        assertFalse(GlusterVolumeModule.same("on", "off"));
        assertFalse(GlusterVolumeModule.same(null, "off"));
    }

    @Test
    void aVolumeThatGlusterWouldRefuseHalfWayIsRefusedFirst() {
        Map<Map<String, Object>, String> refused = Map.of(
                Map.of("name", "$(touch /tmp/x)", "bricks", List.of("h1:/gluster/a")), "not a volume name",
                Map.of("name", "newvol", "replica", 3, "bricks", List.of("h1:/gluster/a", "h2:/gluster/b")),
                "replica 3 needs a whole number of replica sets",
                Map.of("name", "newvol", "bricks", List.of("h1:gluster/a")), "a brick is HOST:/absolute/path");
        refused.forEach((params, why) -> {
            var r = Harness.run(new GlusterVolumeModule(), params, true);
            assertEquals(io.gplay.engine.module.Status.FAILED, r.status(), params.toString());
            assertTrue(r.msg().contains(why), r.msg());
        });
    }
}
