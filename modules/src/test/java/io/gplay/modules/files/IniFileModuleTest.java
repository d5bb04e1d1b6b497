package io.gplay.modules.files;

import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IniFileModuleTest {
    @TempDir
    Path dir;

    static final String PHP = "; global comment\nengine = On\n\n[PHP]\n;memory_limit = 128M\nshort_open_tag = Off\n\n[Session]\nsave_path = /tmp\n";

    private Result run(Path f, boolean check, Object... kv) {
        Map<String, Object> p = new HashMap<>(Map.of("path", f.toString()));
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return Harness.run(new IniFileModule(), p, check);
    }

    @Test
    void setsAnOptionWhereAnsibleWouldThenConvergesAndCheckModePredictsTheSameDiff() throws Exception {
        Path f = dir.resolve("php.ini");
        Files.writeString(f, PHP);
        Result predicted = run(f, true, "section", "PHP", "option", "memory_limit", "value", "256M");
        assertEquals(PHP, Files.readString(f), "check mode wrote nothing");
        Result real = run(f, false, "section", "PHP", "option", "memory_limit", "value", "256M");
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals("option changed", real.msg());
        assertEquals(PHP.replace(";memory_limit = 128M", "memory_limit = 256M"), Files.readString(f), "the commented option is replaced");
        assertEquals(real.diffs().get(0).unified(), predicted.diffs().get(0).unified());
        assertEquals(Status.OK, run(f, false, "section", "PHP", "option", "memory_limit", "value", "256M").status(), "converged");
        run(f, false, "section", "Session", "option", "gc_maxlifetime", "value", "1440", "noExtraSpaces", true);
        assertTrue(Files.readString(f).endsWith("[Session]\nsave_path = /tmp\ngc_maxlifetime=1440\n"), Files.readString(f));
        run(f, false, "option", "engine", "value", "Off");
        assertTrue(Files.readString(f).startsWith("; global comment\nengine = Off\n\n[PHP]"), Files.readString(f));
    }

    @Test
    void addsMissingSectionsAndFilesAndRemovesOptionsAndSections() throws Exception {
        Path f = dir.resolve("new.ini");
        assertEquals("section and option added", run(f, false, "section", "main", "option", "a", "value", "1").msg());
        assertEquals("[main]\na = 1\n", Files.readString(f));
        Files.writeString(f, "[main]\na = 1\nb = 2\na = 3\n[other]\nc = 3\n");
        assertEquals(Status.CHANGED, run(f, false, "section", "main", "option", "a", "value", "1").status());
        assertEquals("[main]\na = 1\nb = 2\n[other]\nc = 3\n", Files.readString(f), "an option is set once");
        assertEquals("option removed", run(f, false, "section", "main", "option", "b", "state", "absent").msg());
        assertEquals("section removed", run(f, false, "section", "other", "state", "absent").msg());
        assertEquals("[main]\na = 1\n", Files.readString(f));
        assertEquals(Status.OK, run(f, false, "section", "other", "state", "absent").status());
        assertEquals(Status.OK, run(dir.resolve("none.ini"), false, "section", "x", "state", "absent").status());
        assertFalse(Files.exists(dir.resolve("none.ini")));
        assertEquals(Status.FAILED, run(dir.resolve("none.ini"), false, "section", "x", "option", "a", "value", "1", "create", false).status());
    }

    @Test
    void aLaterTaskOfACheckRunEditsWhatAnEarlierOnePredicted() throws Exception {
        Path f = dir.resolve("app.ini");
        HostContext host = Harness.localHost(true);
        Harness.run(new CopyModule(), Map.of("dest", f.toString(), "content", "[db]\nhost = a\n"), host);
        Result r = Harness.run(new IniFileModule(), Map.of("path", f.toString(), "section", "db", "option", "host", "value", "b"), host);
        assertEquals("[db]\nhost = b\n", r.diffs().get(0).after());
        assertFalse(Files.exists(f));
    }

    @Test
    void hostileValuesStayDataAndANewlineIsRefused() throws Exception {
        Path f = dir.resolve("-x; $(touch pwned) 'q' \"dq\".ini");
        String hostile = "$(touch " + dir.resolve("pwned") + ") `id` ; ' \" \\ [x]";
        assertEquals(Status.CHANGED, run(f, false, "section", "a]b", "option", "k.*", "value", hostile).status());
        assertEquals("[a]b]\nk.* = " + hostile + "\n", Files.readString(f));
        assertEquals(Status.OK, run(f, false, "section", "a]b", "option", "k.*", "value", hostile).status(), "the option's name is no pattern");
        assertFalse(Files.exists(dir.resolve("pwned")));
        Result nl = run(f, false, "section", "a", "option", "k", "value", "1\n[evil]");
        assertEquals(Status.FAILED, nl.status());
        assertTrue(nl.msg().contains("value") && nl.msg().contains("one line"), nl.msg());
    }
}
