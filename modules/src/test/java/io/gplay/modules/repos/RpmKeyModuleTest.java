package io.gplay.modules.repos;

import com.sun.net.httpserver.HttpServer;
import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import io.gplay.modules.PathFirstConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rpmKey with Debian's real rpm and gpg. The module's command lines are Ansible's; a wrapper named rpm first on
 * PATH adds {@code --dbpath} of a temporary database, and GNUPGHOME is a temporary folder, so this machine's own
 * rpm database and gpg home are never touched.
 */
class RpmKeyModuleTest {
    @TempDir
    Path dir;
    Path db;
    Connection conn;
    Gpg gpg;
    String armored;
    String longId;
    String fingerprint;
    Path keyFile;

    @BeforeEach
    void rpmInATempDatabase() throws Exception {
        Needs.require(new LocalConnection().exec(Command.probe("command -v rpm && command -v gpg")).ok(),
                "rpmKey tests need rpm and gpg (apt-get install rpm gnupg)");
        db = Files.createDirectories(dir.resolve("rpmdb"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("rpm"), "#!/bin/sh\nexec /usr/bin/rpm --dbpath \"$RPM_TEST_DB\" \"$@\"\n");
        bin.resolve("rpm").toFile().setExecutable(true);
        Path home = Files.createDirectories(dir.resolve("home"));
        conn = new PathFirstConnection(bin, Map.of("RPM_TEST_DB", db, "GNUPGHOME", home));
        gpg = new Gpg(dir.resolve("keys"));
        armored = gpg.newKey("pkg@example.org");
        String[] ids = gpg.ids("pkg@example.org");
        longId = ids[0];
        fingerprint = ids[1];
        keyFile = dir.resolve("RPM-GPG-KEY-test");
        Files.writeString(keyFile, armored);
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new RpmKeyModule(), params, check, conn, Map.of());
    }

    String keys() {
        return conn.exec(Command.probe("rpm -q gpg-pubkey")).stdout().strip();
    }

    void checkRealConverged(Map<String, Object> params) {
        String before = keys();
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, keys(), "a check run changed nothing");
        Result real = run(params, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(check.descriptions(), real.descriptions());
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertTrue(again.msg().contains(longId), again.msg());
    }

    @Test
    void importsAFileThenRemovesTheKeyByItsShortId() {
        String pkg = "gpg-pubkey-" + longId.substring(8).toLowerCase();
        assertEquals(List.of("import key " + longId + " into rpm's database from " + keyFile),
                run(Map.of("key", keyFile.toString()), true).descriptions());
        checkRealConverged(Map.of("key", keyFile.toString()));
        assertTrue(keys().startsWith(pkg + "-"), keys());
        Map<String, Object> absent = Map.of("key", "0x" + longId.substring(8).toLowerCase(), "state", "absent");
        assertEquals(List.of("remove key " + longId.substring(8) + " from rpm's database (" + pkg + ")"), run(absent, true).descriptions());
        Result gone = run(absent, false);
        assertEquals(Status.CHANGED, gone.status(), gone.msg());
        assertEquals("package gpg-pubkey is not installed", keys());
        assertEquals(Status.OK, run(absent, false).status());
    }

    @Test
    void importsFromAUrlAndFromItsText() throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", x -> {
            byte[] body = x.getRequestURI().getPath().equals("/KEY") ? armored.getBytes(StandardCharsets.UTF_8) : "<html>".getBytes();
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        http.start();
        try {
            String base = "http://127.0.0.1:" + http.getAddress().getPort();
            Result notAKey = run(Map.of("key", base + "/index.html"), false);
            assertEquals(Status.FAILED, notAKey.status());
            assertEquals("Not a public key: " + base + "/index.html", notAKey.msg());
            checkRealConverged(Map.of("key", base + "/KEY"));
        } finally {
            http.stop(0);
        }
        assertEquals(Status.OK, run(Map.of("key", armored), false).status(), "the same key given as its text is there");
        assertEquals(Status.CHANGED, run(Map.of("key", longId, "state", "absent"), false).status());
        checkRealConverged(Map.of("key", armored));
    }

    @Test
    void aFingerprintThatDiffersRefusesTheImport() {
        Result wrong = run(Map.of("key", keyFile.toString(), "fingerprint", "EBC6 E12C 62B1 C734 026B  2122 A20E 5214 6B8D 79E6"), false);
        assertEquals(Status.FAILED, wrong.status());
        assertEquals("The specified fingerprint, 'EBC6E12C62B1C734026B2122A20E52146B8D79E6', does not match the key fingerprint '"
                + fingerprint + "'", wrong.msg());
        assertEquals("package gpg-pubkey is not installed", keys());
        String spaced = fingerprint.replaceAll("(.{4})", "$1 ").toLowerCase();
        checkRealConverged(Map.of("key", keyFile.toString(), "fingerprint", spaced));
    }

    @Test
    void aCheckRunSeesTheKeyItWouldImport() {
        HostContext host = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), conn, true);
        assertEquals(Status.CHANGED, Harness.run(new RpmKeyModule(), Map.of("key", keyFile.toString()), host).status());
        assertEquals(Status.OK, Harness.run(new RpmKeyModule(), Map.of("key", keyFile.toString()), host).status());
        assertEquals(Status.CHANGED, Harness.run(new RpmKeyModule(), Map.of("key", longId, "state", "absent"), host).status());
        assertEquals("package gpg-pubkey is not installed", keys());
    }

    @Test
    void hostileValuesStayData() throws IOException {
        Path odd = dir.resolve("k $(touch pwned) `id` '\";x");
        Files.writeString(odd, armored);
        Map<String, Object> p = new HashMap<>(Map.of("key", odd.toString()));
        checkRealConverged(p);
        for (String bad : List.of("-rf", "$(touch pwned)", "--import /etc/passwd", "DEADB33F\n--erase")) {
            Result r = run(Map.of("key", bad), false);
            assertEquals(Status.FAILED, r.status(), bad);
            assertTrue(r.msg().startsWith("Not a valid key"), r.msg());
        }
        assertEquals(Status.FAILED, run(Map.of("key", "DEADB33F"), false).status(), "an id alone cannot be imported");
        assertFalse(Files.exists(Path.of("pwned")));
        assertFalse(Files.exists(dir.resolve("pwned")));
    }
}
