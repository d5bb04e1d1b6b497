package io.gplay.modules.files;

import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** slurp on files in a temporary folder: what Ansible's slurp registers (content base64, encoding, source). */
class SlurpModuleTest {
    @TempDir
    Path dir;

    @Test
    void anyBytesComeBackBase64EncodedInCheckModeToo() throws IOException {
        byte[] bytes = new byte[300];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        Path file = Files.write(dir.resolve("-rf $(touch x) 'q'"), bytes);
        for (boolean check : new boolean[] {false, true}) {
            Result r = Harness.run(new SlurpModule(), Map.of("src", file.toString()), check);
            assertEquals(Status.OK, r.status(), r.msg());
            assertArrayEquals(bytes, Base64.getDecoder().decode((String) r.registered().get("content")));
            assertEquals("base64", r.registered().get("encoding"));
            assertEquals(file.toString(), r.registered().get("source"));
        }
        assertEquals(1, Files.list(dir).count(), "the name stayed data");
    }

    @Test
    void aCheckRunReadsWhatAnEarlierTaskWouldWrite() {
        HostContext where = Harness.localHost(true);
        String file = dir.resolve("motd").toString();
        assertEquals(Status.CHANGED, Harness.run(new CopyModule(), Map.of("dest", file, "content", "hello\n"), where).status());
        Result r = Harness.run(new SlurpModule(), Map.of("src", file), where);
        assertEquals("aGVsbG8K", r.registered().get("content"));
    }

    @Test
    void aMissingFileOrAFolderFailsAsAnsibleSays() {
        Result missing = Harness.run(new SlurpModule(), Map.of("src", dir.resolve("none").toString()), false);
        assertEquals(Status.FAILED, missing.status());
        assertEquals("file not found: " + dir.resolve("none"), missing.msg());
        Result folder = Harness.run(new SlurpModule(), Map.of("src", dir.toString()), false);
        assertTrue(folder.msg().startsWith("source is a directory and must be a file"), folder.msg());
    }
}
