package io.gplay.modules.files;

import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatModuleTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stat(Result r) {
        assertEquals(Status.OK, r.status(), r.msg());
        return (Map<String, Object>) r.data().get("stat");
    }

    @Test
    void describesAFileAsAnsiblesStatDoes() throws Exception {
        Path f = dir.resolve("app.conf");
        Files.writeString(f, "port=80\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Map<String, Object> s = stat(Harness.run(new StatModule(), Map.of("path", f.toString()), false));
        assertEquals(true, s.get("exists"));
        assertEquals(true, s.get("isreg"));
        assertEquals(false, s.get("isdir"));
        assertEquals("0640", s.get("mode"));
        assertEquals(8L, s.get("size"));
        assertEquals(System.getProperty("user.name"), s.get("pw_name"));
        assertEquals(true, s.get("rgrp"));
        assertEquals(false, s.get("roth"));
        assertEquals(true, s.get("readable"));
        assertEquals(Files.getLastModifiedTime(f).toMillis() / 1000, s.get("mtime"));
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest("port=80\n".getBytes()));
        assertEquals(sha1, s.get("checksum"));
        Map<String, Object> sha256 = stat(Harness.run(new StatModule(), Map.of("path", f.toString(), "checksumAlgorithm", "sha256"), false));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("port=80\n".getBytes())), sha256.get("checksum"));
    }

    @Test
    void aMissingPathOnlyDoesNotExist() {
        assertEquals(Map.of("exists", false), stat(Harness.run(new StatModule(), Map.of("path", dir.resolve("nope").toString()), false)));
    }

    @Test
    void aLinkIsALinkUnlessFollowed() throws Exception {
        Path target = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("current"), target);
        Map<String, Object> s = stat(Harness.run(new StatModule(), Map.of("path", link.toString()), false));
        assertEquals(true, s.get("islnk"));
        assertEquals(target.toString(), s.get("lnk_target"));
        assertEquals(target.toRealPath().toString(), s.get("lnk_source"));
        Map<String, Object> followed = stat(Harness.run(new StatModule(), Map.of("path", link.toString(), "follow", true), false));
        assertEquals(true, followed.get("isdir"));
        assertEquals(false, followed.get("islnk"));
    }

    @Test
    void aCheckRunSeesWhatAnEarlierTaskWouldCreate() throws Exception {
        Path f = dir.resolve("new.conf");
        HostContext host = Harness.localHost(true);
        Harness.run(new CopyModule(), Map.of("dest", f.toString(), "content", "x=1\n", "mode", "0600"), host);
        Map<String, Object> s = stat(Harness.run(new StatModule(), Map.of("path", f.toString()), host));
        assertEquals(true, s.get("exists"));
        assertEquals(true, s.get("isreg"));
        assertEquals("0600", s.get("mode"));
        assertEquals(4L, s.get("size"));
        assertFalse(Files.exists(f));
        assertEquals(Map.of("exists", false), stat(Harness.run(new StatModule(), Map.of("path", f.toString()), false)),
                "a real run sees the host");
    }

    @Test
    void aHostilePathStaysData() throws Exception {
        Path f = dir.resolve("-L; $(touch pwned) `id` 'q' \"dq\"");
        Files.writeString(f, "x");
        Map<String, Object> s = stat(Harness.run(new StatModule(), Map.of("path", f.toString()), false));
        assertEquals(1L, s.get("size"));
        assertEquals(f.toString(), s.get("path"));
        assertFalse(Files.exists(dir.resolve("pwned")));
        assertTrue(Files.exists(f));
    }
}
