package io.gplay.modules.files;

import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnarchiveModuleTest {
    @TempDir
    Path dir;
    Path archive;
    Path dest;

    static final String ODD = "-x; $(touch pwned) `id` 'q' \"dq\"";

    @BeforeEach
    void archive() throws Exception {
        Path src = Files.createDirectories(dir.resolve("build/app-1.0/bin"));
        Files.writeString(src.resolve("app"), "#!/bin/sh\necho app\n");
        Files.writeString(src.getParent().resolve(ODD), "data\n");
        Files.writeString(src.getParent().resolve("README"), "read me\n");
        archive = dir.resolve("app-1.0.tar.gz");
        run(dir.resolve("build"), "tar", "-czf", archive.toString(), "app-1.0");
        dest = Files.createDirectory(dir.resolve("opt"));
    }

    static void run(Path in, String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(in.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    private Map<String, Object> params(Object... more) {
        Map<String, Object> p = new HashMap<>(Map.of("src", archive.toString(), "dest", dest.toString(), "remoteSrc", true));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void unpacksThenConvergesAndCheckModePredictsTheSameChange() throws Exception {
        Result predicted = Harness.run(new UnarchiveModule(), params(), true);
        assertFalse(Files.exists(dest.resolve("app-1.0")), "check mode wrote nothing");
        Result real = Harness.run(new UnarchiveModule(), params("listFiles", true), false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals("read me\n", Files.readString(dest.resolve("app-1.0/README")));
        assertEquals("data\n", Files.readString(dest.resolve("app-1.0/" + ODD)));
        assertEquals(real.descriptions(), predicted.descriptions());
        assertTrue(((List<?>) real.data().get("files")).contains("app-1.0/README"), String.valueOf(real.data().get("files")));
        assertFalse(Files.exists(dir.resolve("pwned")) || Files.exists(dest.resolve("pwned")));
        Result again = Harness.run(new UnarchiveModule(), params(), false);
        assertEquals(Status.OK, again.status(), "converged: " + again.descriptions());
        Files.writeString(dest.resolve("app-1.0/README"), "edited\n");
        Result drift = Harness.run(new UnarchiveModule(), params(), false);
        assertEquals(Status.CHANGED, drift.status());
        assertTrue(drift.descriptions().get(0).contains("README"), drift.descriptions().toString());
        assertEquals("read me\n", Files.readString(dest.resolve("app-1.0/README")));
    }

    @Test
    void createsSkipsAndALaterCheckTaskSeesTheMembers() throws Exception {
        Files.createDirectories(dest.resolve("app-1.0"));
        Files.writeString(dest.resolve("app-1.0/README"), "other\n");
        assertEquals(Status.OK, Harness.run(new UnarchiveModule(), params("creates", dest.resolve("app-1.0/README").toString()), false).status());
        assertEquals("other\n", Files.readString(dest.resolve("app-1.0/README")));
        HostContext host = Harness.localHost(true);
        Harness.run(new UnarchiveModule(), params(), host);
        Result stat = Harness.run(new StatModule(), Map.of("path", dest.resolve("app-1.0/bin/app").toString()), host);
        assertEquals(true, ((Map<?, ?>) stat.data().get("stat")).get("exists"));
        assertFalse(Files.exists(dest.resolve("app-1.0/bin")));
    }

    @Test
    void anArchiveOnTheControlMachineGoesToTarsStandardInput() throws Exception {
        Map<String, Object> p = params("remoteSrc", false, "exclude", List.of("*/README"));
        Result r = Harness.run(new UnarchiveModule(), p, false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertTrue(Files.exists(dest.resolve("app-1.0/bin/app")));
        assertFalse(Files.exists(dest.resolve("app-1.0/README")), "excluded");
        assertEquals(Status.OK, Harness.run(new UnarchiveModule(), p, false).status());
    }

    @Test
    void aZipOnTheHostUnpacksAndConverges() throws Exception {
        Needs.require(Files.isExecutable(Path.of("/usr/bin/zip")) && Files.isExecutable(Path.of("/usr/bin/unzip")), "zip and unzip are not installed");
        Path zip = dir.resolve("app.zip");
        run(dir.resolve("build"), "zip", "-qr", zip.toString(), "app-1.0");
        Map<String, Object> p = params("src", zip.toString());
        assertEquals(Status.CHANGED, Harness.run(new UnarchiveModule(), p, false).status());
        assertEquals("read me\n", Files.readString(dest.resolve("app-1.0/README")));
        assertEquals(Status.OK, Harness.run(new UnarchiveModule(), p, false).status());
    }

    @Test
    void aMissingFolderOrArchiveFailsBeforeAnythingIsWritten() {
        Result noDest = Harness.run(new UnarchiveModule(), params("dest", dir.resolve("nope").toString()), false);
        assertEquals(Status.FAILED, noDest.status());
        assertTrue(noDest.msg().contains("existing folder"), noDest.msg());
        Result dashed = Harness.run(new UnarchiveModule(), params("src", "-T/etc/passwd.zip"), false);
        assertEquals(Status.FAILED, dashed.status());
    }
}
