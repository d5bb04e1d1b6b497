package io.gplay.modules.gluster;

import io.gplay.modules.Harness;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class GlusterdModuleTest {
    @TempDir
    Path dir;

    @Test
    void linesItDoesNotSetKeepTheirBytes() throws Exception {
        Path vol = dir.resolve("glusterd.vol");
        String before = "# r\u00e9glages du d\u00e9mon\nvolume management\n    type mgmt/glusterd\n#   option base-port 49152\nend-volume\n";
        Files.write(vol, before.getBytes(StandardCharsets.ISO_8859_1));
        Result r = Harness.run(new GlusterdModule(), Map.of("file", vol.toString(), "options", Map.of("base-port", 50152)), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertArrayEquals(before.replace("#   option base-port 49152", "    option base-port 50152").getBytes(StandardCharsets.ISO_8859_1),
                Files.readAllBytes(vol));
    }
}
