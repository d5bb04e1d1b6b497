package io.gplay.modules.files;

import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FindModuleTest {
    @TempDir
    Path dir;

    @BeforeEach
    void tree() throws Exception {
        Files.writeString(dir.resolve("epel.repo"), "[epel]\nenabled=1\n");
        Files.writeString(dir.resolve("base.repo"), "[base]\nenabled=0\n");
        Files.writeString(dir.resolve(".hidden.repo"), "x");
        Files.writeString(dir.resolve("notes.txt"), "zend_extension = opcache.so\n");
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("sub/more.repo"), "y".repeat(2048));
        Files.writeString(dir.resolve("sub/deeper/deep.repo"), "z");
        Files.setLastModifiedTime(dir.resolve("base.repo"), FileTime.fromMillis(System.currentTimeMillis() - 10L * 86400_000));
    }

    private Set<String> found(Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("paths", List.of(dir.toString()));
        Result r = Harness.run(new FindModule(), p, false);
        assertEquals(Status.OK, r.status(), r.msg());
        Set<String> names = new TreeSet<>();
        for (Object o : (List<?>) r.data().get("files")) {
            names.add(dir.relativize(Path.of((String) ((Map<?, ?>) o).get("path"))).toString());
        }
        assertEquals(names.size(), r.data().get("matched"));
        return names;
    }

    @Test
    void patternsHiddenAndRecursionAsAnsiblesFind() {
        assertEquals(Set.of("base.repo", "epel.repo"), found(Map.of("patterns", "*.repo")));
        assertEquals(Set.of(".hidden.repo", "base.repo", "epel.repo"), found(Map.of("patterns", "*.repo", "hidden", true)));
        assertEquals(Set.of("base.repo", "epel.repo", "sub/more.repo", "sub/deeper/deep.repo"),
                found(Map.of("patterns", "*.repo", "recurse", true)));
        assertEquals(Set.of("base.repo", "epel.repo", "sub/more.repo"), found(Map.of("patterns", "*.repo", "recurse", true, "depth", 2)));
        assertEquals(Set.of("sub"), found(Map.of("fileType", "directory")));
        assertEquals(Set.of("epel.repo"), found(Map.of("patterns", "e.*", "useRegex", true, "excludes", "notes.*")));
        assertEquals(Set.of("epel.repo", "notes.txt"), found(Map.of("patterns", "epel.repo,notes.txt")));
    }

    @Test
    void ageSizeAndContent() {
        assertEquals(Set.of("base.repo"), found(Map.of("age", "1w")));
        assertEquals(Set.of("epel.repo", "notes.txt"), found(Map.of("age", "-1d")));
        assertEquals(Set.of("sub/more.repo"), found(Map.of("size", "2k", "recurse", true)));
        assertEquals(Set.of("notes.txt"), found(Map.of("contains", "zend_extension(\\s+)?=(\\s+)?opcache\\.so")));
        assertEquals(Set.of(), found(Map.of("contains", "opcache")), "a line must start with the match");
        assertEquals(Set.of("notes.txt"), found(Map.of("contains", "opcache", "readWholeFile", true)));
    }

    @Test
    void entriesCarryStatsFactsAndChecksums() {
        Result r = Harness.run(new FindModule(), Map.of("paths", dir.toString(), "patterns", "epel.repo", "getChecksum", true), false);
        Map<?, ?> e = (Map<?, ?>) ((List<?>) r.data().get("files")).get(0);
        assertEquals(true, e.get("isreg"));
        assertEquals(17L, e.get("size"));
        assertEquals(System.getProperty("user.name"), e.get("pw_name"));
        assertEquals(PathFacts.checksum("[epel]\nenabled=1\n".getBytes(), "sha1"), e.get("checksum"));
        assertEquals(5, r.data().get("examined"));
    }

    @Test
    void aMissingFolderIsSkippedAndSaidSo() {
        String missing = dir.resolve("nope").toString();
        Result r = Harness.run(new FindModule(), Map.of("paths", List.of(missing, dir.resolve("epel.repo").toString())), false);
        assertEquals(Status.OK, r.status(), r.msg());
        assertEquals(Map.of(missing, "does not exist", dir.resolve("epel.repo").toString(), "not a folder"), r.data().get("skipped_paths"));
        assertEquals(0, r.data().get("matched"));
    }

    @Test
    void aCheckRunFindsWhatAnEarlierTaskWouldCreate() throws Exception {
        HostContext host = Harness.localHost(true);
        Harness.run(new CopyModule(), Map.of("dest", dir.resolve("docker.repo").toString(), "content", "[docker]\n"), host);
        Result r = Harness.run(new FindModule(), Map.of("paths", dir.toString(), "patterns", "*.repo", "contains", "\\[docker\\]"), host);
        assertEquals(1, r.data().get("matched"), String.valueOf(r.data()));
        assertFalse(Files.exists(dir.resolve("docker.repo")));
    }

    @Test
    void hostileNamesStayDataAndADashedFolderIsRefused() throws Exception {
        Path odd = Files.createDirectory(dir.resolve("-delete; $(touch pwned) `id` 'q' \"dq\""));
        Files.writeString(odd.resolve("a\nb.repo"), "x");
        Result r = Harness.run(new FindModule(), Map.of("paths", odd.toString(), "patterns", "*.repo"), false);
        assertEquals(odd.resolve("a\nb.repo").toString(), ((Map<?, ?>) ((List<?>) r.data().get("files")).get(0)).get("path"));
        assertTrue(Files.exists(odd.resolve("a\nb.repo")));
        assertFalse(Files.exists(dir.resolve("pwned")));
        Result dashed = Harness.run(new FindModule(), Map.of("paths", "-delete"), false);
        assertEquals(Status.FAILED, dashed.status());
        assertTrue(dashed.msg().contains("paths") && dashed.msg().contains("option"), dashed.msg());
    }
}
