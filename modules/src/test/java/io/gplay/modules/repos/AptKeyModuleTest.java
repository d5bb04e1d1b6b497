package io.gplay.modules.repos;

import com.sun.net.httpserver.HttpServer;
import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.Connection;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Namespaced;
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
 * aptKey with bookworm's real apt-key and gpg: on a keyring of a temporary folder (gpg's home a temporary folder
 * too), and on apt's own keyring inside a mount namespace with overlays over /etc/apt and /root (see
 * {@link Namespaced}), so this machine's keyrings stay as they are.
 */
class AptKeyModuleTest {
    @TempDir
    Path dir;
    Connection conn;
    Path keyring;
    String armored;
    String longId;
    String fingerprint;
    Path keyFile;

    @BeforeEach
    void keys() throws Exception {
        Gpg gpg = new Gpg(dir.resolve("keys"));
        armored = gpg.newKey("apt@example.org");
        String[] ids = gpg.ids("apt@example.org");
        longId = ids[0];
        fingerprint = ids[1];
        keyFile = Files.writeString(dir.resolve("key.asc"), armored);
        keyring = dir.resolve("ring.gpg");
        conn = new PathFirstConnection(Files.createDirectories(dir.resolve("bin")), Map.of("GNUPGHOME", Files.createDirectories(dir.resolve("home"))));
    }

    Result run(Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.putIfAbsent("keyring", keyring.toString());
        return Harness.run(new AptKeyModule(), p, check, conn, Map.of());
    }

    String listed() {
        return conn.exec(Command.probe("apt-key --keyring " + keyring + " adv --list-public-keys --keyid-format=long 2>/dev/null | grep ^pub")).stdout();
    }

    void checkRealConverged(Map<String, Object> params) {
        String before = listed();
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, listed(), "a check run changed nothing");
        Result real = run(params, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(check.registered().get("after"), real.registered().get("after"), "the check run predicted the keyring");
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
    }

    @Test
    void addsAFileByItsIdThenRemovesItByTheShortId() {
        Result r = run(Map.of("file", keyFile.toString()), false);
        assertEquals(List.of("add key " + longId + " to " + keyring + " from " + keyFile), r.descriptions());
        assertEquals(Map.of("id", longId, "key_id", longId, "fp", longId, "short_id", longId.substring(8), "before", List.of(),
                "after", List.of(longId)), Map.of("id", r.registered().get("id"), "key_id", r.registered().get("key_id"),
                "fp", r.registered().get("fp"), "short_id", r.registered().get("short_id"), "before", r.registered().get("before"),
                "after", r.registered().get("after")));
        assertTrue(listed().contains("/" + longId), listed());
        assertEquals(Status.OK, run(Map.of("id", fingerprint), false).status(), "a fingerprint is compared on its last 16 digits");
        checkRealConverged(Map.of("id", "0x" + longId.substring(8).toLowerCase(), "state", "absent"));
        assertEquals("", listed());
    }

    @Test
    void addsFromTextAndFromAUrl() throws IOException {
        checkRealConverged(Map.of("data", armored));
        assertEquals(Status.CHANGED, run(Map.of("id", longId, "state", "absent"), false).status());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/gpg", x -> {
            byte[] body = armored.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/gpg";
            checkRealConverged(Map.of("url", url, "id", fingerprint));
            assertTrue(listed().contains("/" + longId), listed());
            Result missing = run(Map.of("url", url.replace("/gpg", "/none"), "id", "DEADBEEF"), false);
            assertEquals(Status.FAILED, missing.status());
            assertTrue(missing.msg().startsWith("Unable to add a key from " + url.replace("/gpg", "/none")), missing.msg());
        } finally {
            http.stop(0);
        }
    }

    @Test
    void apt_sOwnKeyringInANamespace() throws IOException {
        try (Namespaced ns = new Namespaced(dir, "/etc/apt", "/root")) {
            Result r = Harness.run(new AptKeyModule(), Map.of("file", keyFile.toString()), false, ns, Map.of());
            assertEquals(List.of("add key " + longId + " to apt's keyring from " + keyFile), r.descriptions(), r.msg());
            assertTrue(ns.sh("apt-key list 2>/dev/null").contains(fingerprint.substring(36)), ns.sh("apt-key list 2>/dev/null"));
            assertEquals(Status.OK, Harness.run(new AptKeyModule(), Map.of("file", keyFile.toString()), false, ns, Map.of()).status());
        }
        assertFalse(new String(new ProcessBuilder("apt-key", "list").start().getInputStream().readAllBytes()).contains(longId.substring(8)),
                "this machine's keyring is as it was");
    }

    @Test
    void badCallsAndHostileValues() throws IOException {
        Path odd = Files.writeString(dir.resolve("k $(touch pwned) `id` '\";x"), armored);
        checkRealConverged(Map.of("file", odd.toString()));
        assertEquals("Missing key_id, required with keyserver.", run(Map.of("keyserver", "keyserver.ubuntu.com"), false).msg());
        assertEquals(Status.FAILED, run(Map.of("id", "--recv $(touch pwned)"), false).status());
        assertEquals(Status.FAILED, run(Map.of("id", "ABCDEF123"), false).status(), "9 digits are no key id");
        assertEquals(Status.FAILED, run(Map.of("id", "DEADBEEF", "keyserver", "--homedir=/tmp"), false).status());
        Result unreachable = run(Map.of("id", "DEADBEEF", "keyserver", "hkp://127.0.0.1:1"), false);
        assertTrue(unreachable.msg().startsWith("Error fetching key DEADBEEF from keyserver: hkp://127.0.0.1:1"), unreachable.msg());
        assertFalse(Files.exists(Path.of("pwned")));
        assertFalse(Files.exists(dir.resolve("pwned")));
    }
}
