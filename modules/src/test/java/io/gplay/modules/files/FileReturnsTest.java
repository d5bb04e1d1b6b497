package io.gplay.modules.files;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What file, copy and template register: the values an Ansible user checks, with the content they have there. */
class FileReturnsTest {
    @TempDir
    Path dir;

    private static String digest(String algorithm, Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    }

    /** The path's uid or gid, as the host has it. */
    private static Long id(Path p, String which) throws Exception {
        return ((Integer) Files.getAttribute(p, "unix:" + which)).longValue();
    }

    @Test
    void copyRegistersTheChecksumsSizeModeAndOwnerOfTheFileItLeaves() throws Exception {
        Path dest = dir.resolve("virt");
        Map<String, Object> p = Map.of("dest", dest.toString(), "content", "quick-read=off\nglüster\n", "mode", "640");
        Result check = Harness.run(new CopyModule(), p, true);
        assertEquals("file", check.data().get("state"), "check mode says what the file would be");
        assertEquals("0640", check.data().get("mode"));
        assertNull(check.data().get("owner"), "the owner of a file not yet written is not known: " + check.data());
        assertNull(check.data().get("uid"), "nor its uid: " + check.data());

        Result r = Harness.run(new CopyModule(), p, false);
        assertEquals(Status.CHANGED, r.status());
        assertEquals(dest.toString(), r.data().get("dest"));
        assertEquals(digest("SHA-1", dest), r.data().get("checksum"));
        assertEquals(digest("MD5", dest), r.data().get("md5sum"));
        assertEquals(check.data().get("checksum"), r.data().get("checksum"), "check mode gave the same checksum");
        assertEquals((int) Files.size(dest), r.data().get("size"));
        assertEquals("0640", r.data().get("mode"));
        assertEquals(Files.getOwner(dest).getName(), r.data().get("owner"), "a new file's owner is read from the host");
        assertEquals(id(dest, "uid"), r.data().get("uid"), "its uid too, a number as Ansible's");
        assertEquals(id(dest, "gid"), r.data().get("gid"));
        assertFalse(r.data().containsKey("backup_file"), "no backup asked");

        Result again = Harness.run(new CopyModule(), Map.of("dest", dest.toString(), "content", "x\n"), false);
        assertEquals("0640", again.data().get("mode"), "an existing file keeps its mode: " + again.data());
        assertEquals(digest("SHA-1", dest), again.data().get("checksum"));
    }

    @Test
    void fileRegistersWhatThePathIsNow() throws Exception {
        Path d = dir.resolve("a/b");
        Result made = Harness.run(new FileModule(), Map.of("path", d.toString(), "state", "directory", "mode", "0750"), false);
        assertEquals(d.toString(), made.data().get("path"));
        assertEquals("directory", made.data().get("state"));
        assertEquals("0750", made.data().get("mode"));
        assertEquals(Files.getOwner(d).getName(), made.data().get("owner"));
        assertEquals(Files.readAttributes(d, java.nio.file.attribute.PosixFileAttributes.class).group().getName(),
                made.data().get("group"));
        assertEquals(id(d, "uid"), made.data().get("uid"));
        assertEquals(id(d, "gid"), made.data().get("gid"));

        Path link = dir.resolve("link");
        Result linked = Harness.run(new FileModule(), Map.of("path", link.toString(), "state", "link", "src", d.toString()), false);
        assertEquals("link", linked.data().get("state"));

        Map<String, Object> absent = Map.of("path", link.toString(), "state", "absent");
        assertEquals("absent", Harness.run(new FileModule(), absent, true).data().get("state"), "check mode");
        Result gone = Harness.run(new FileModule(), absent, false);
        assertEquals("absent", gone.data().get("state"));
        assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
        assertFalse(gone.data().containsKey("mode"), "a path that is not there has no mode");
    }

    @Test
    void anOwnerTheTaskChangedIsRegisteredWithItsNewUidAndGid() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root gives a file away");
        Path f = Files.writeString(dir.resolve("owned"), "x\n");
        Map<String, Object> p = Map.of("path", f.toString(), "owner", "nobody", "group", "0");
        Result check = Harness.run(new FileModule(), p, true);
        assertNull(check.data().get("uid"), "the uid of a name is not known before the host is asked: " + check.data());
        assertEquals(0L, check.data().get("gid"), "a group given as a number is its gid");

        Result r = Harness.run(new FileModule(), p, false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("nobody", r.data().get("owner"));
        assertEquals(id(f, "uid"), r.data().get("uid"), "the uid the host gave: " + r.data());
        assertEquals(0L, r.data().get("gid"));
    }

    @Test
    void templateRegistersItsSourceAndTheRenderedFilesChecksum() throws Exception {
        Path src = dir.resolve("motd.j2");
        Files.writeString(src, "hello {{ who }}\n");
        Path dest = dir.resolve("motd");
        Result r = Harness.run(new TemplateModule(), Map.of("src", src.toString(), "dest", dest.toString(),
                "vars", Map.of("who", "world")), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals(src.toString(), r.data().get("src"));
        assertEquals(digest("SHA-1", dest), r.data().get("checksum"));
        assertEquals("0644", r.data().get("mode"), "a new file is written 0644");
    }
}
