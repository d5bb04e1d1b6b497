package io.gplay.modules.files;

import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplaceModuleTest {
    @TempDir
    Path dir;

    @Test
    void replacesEveryMatchThenConvergesAndCheckModePredictsTheSameChange() throws Exception {
        Path f = dir.resolve("hosts");
        String before = "10.0.0.1 old.example.com db\n10.0.0.2   old.example.com\n# see old.example.com stays\n";
        Files.writeString(f, before);
        Map<String, Object> p = Map.of("path", f.toString(), "regexp", "^(\\S+)(\\s+)old\\.example\\.com(.*)$",
                "replace", "\\1\\2new.example.com\\g<3>");
        Result predicted = Harness.run(new ReplaceModule(), p, true);
        assertEquals(before, Files.readString(f), "check mode wrote nothing");
        Result real = Harness.run(new ReplaceModule(), p, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals("10.0.0.1 new.example.com db\n10.0.0.2   new.example.com\n# see old.example.com stays\n",
                Files.readString(f));
        assertEquals("2 replacements made", real.msg());
        assertEquals(real.descriptions(), predicted.descriptions());
        assertEquals(real.diffs().get(0).unified(), predicted.diffs().get(0).unified());
        assertEquals(Status.OK, Harness.run(new ReplaceModule(), p, false).status(), "converged");
    }

    @Test
    void onlyTheSectionBetweenAfterAndBeforeChanges() throws Exception {
        Path f = dir.resolve("php.ini");
        Files.writeString(f, "a=1\n[opcache]\na=1\n[other]\na=1\n");
        Result r = Harness.run(new ReplaceModule(), Map.of("path", f.toString(), "regexp", "^a=1$", "replace", "a=2",
                "after", "^\\[opcache\\]", "before", "^\\[other\\]"), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("a=1\n[opcache]\na=2\n[other]\na=1\n", Files.readString(f));
        Result none = Harness.run(new ReplaceModule(), Map.of("path", f.toString(), "regexp", "a", "after", "^\\[missing\\]"), false);
        assertEquals(Status.FAILED, none.status());
        assertTrue(none.msg().contains("after") && none.msg().contains("matches nothing"), none.msg());
    }

    @Test
    void aLaterTaskOfACheckRunEditsWhatAnEarlierOnePredicted() throws Exception {
        Path f = dir.resolve("app.conf");
        HostContext host = Harness.localHost(true);
        Harness.run(new CopyModule(), Map.of("dest", f.toString(), "content", "port=80\n"), host);
        Result r = Harness.run(new ReplaceModule(), Map.of("path", f.toString(), "regexp", "port=80", "replace", "port=8080"), host);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("port=80\n", r.diffs().get(0).before());
        assertEquals("port=8080\n", r.diffs().get(0).after());
        assertFalse(Files.exists(f), "nothing written");
    }

    @Test
    void hostileReplacementsAndPathsStayData() throws Exception {
        Path f = dir.resolve("-n; $(touch pwned) `id` 'q' \"dq\".conf");
        Files.writeString(f, "value=x\n");
        String hostile = "$(touch " + dir.resolve("pwned2") + ") `id` ; ' \" $1 \\\\";
        Map<String, Object> p = Map.of("path", f.toString(), "regexp", "x", "replace", hostile);
        assertEquals(Status.CHANGED, Harness.run(new ReplaceModule(), p, false).status());
        assertEquals("value=$(touch " + dir.resolve("pwned2") + ") `id` ; ' \" $1 \\\n", Files.readString(f));
        assertFalse(Files.exists(dir.resolve("pwned")) || Files.exists(dir.resolve("pwned2")));
        assertFalse(Files.exists(Path.of("pwned")));
    }

    @Test
    void aMissingFileFailsNamingIt() {
        Result r = Harness.run(new ReplaceModule(), Map.of("path", dir.resolve("nope").toString(), "regexp", "a"), false);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("nope") && r.msg().contains("does not exist"), r.msg());
    }

    @Test
    void backupKeepsTheFileAsItWasAndIsRegistered() throws Exception {
        Path f = dir.resolve("c");
        Files.writeString(f, "a\n");
        Result r = Harness.run(new ReplaceModule(), Map.of("path", f.toString(), "regexp", "a", "replace", "b", "backup", true), false);
        String backup = (String) r.data().get("backup_file");
        assertEquals("a\n", Files.readString(Path.of(backup)));
        assertEquals("b\n", Files.readString(f));
    }
}
