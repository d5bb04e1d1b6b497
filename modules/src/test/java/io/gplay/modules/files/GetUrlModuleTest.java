package io.gplay.modules.files;

import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.engine.vault.SecretMask;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GetUrlModuleTest {
    @TempDir
    Path dir;
    LoopbackHttp http;

    @BeforeEach
    void start() throws Exception {
        Needs.require(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        http = new LoopbackHttp();
        http.serve("/v1/tool.tar.gz", "release one\n");
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes()));
    }

    @Test
    void downloadsOnceThenKeepsTheFileAndCheckModePredictsTheDownload() throws Exception {
        Path dest = dir.resolve("tool.tar.gz");
        Map<String, Object> p = Map.of("url", http.url("/v1/tool.tar.gz"), "dest", dest.toString(), "mode", "0640");
        Result predicted = Harness.run(new GetUrlModule(), p, true);
        assertFalse(Files.exists(dest), "check mode wrote nothing");
        assertEquals(0, http.requests.size(), "nor asked the server");
        Result real = Harness.run(new GetUrlModule(), p, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals("release one\n", Files.readString(dest));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dest)));
        assertEquals(200, real.data().get("status_code"));
        assertEquals(12L, real.data().get("size"));
        assertEquals(real.descriptions(), predicted.descriptions());
        Result again = Harness.run(new GetUrlModule(), p, false);
        assertEquals(Status.OK, again.status(), "converged: " + again.descriptions());
        assertEquals(1, http.requests.size(), "an existing file is not downloaded again");
    }

    @Test
    void aChecksumDecidesAndGuardsTheDownload() throws Exception {
        Path dest = dir.resolve("tool.tar.gz");
        Files.writeString(dest, "stale\n");
        Map<String, Object> p = Map.of("url", http.url("/v1/tool.tar.gz"), "dest", dest.toString(),
                "checksum", "sha256:" + sha256("release one\n"));
        assertEquals(Status.CHANGED, Harness.run(new GetUrlModule(), p, false).status());
        assertEquals("release one\n", Files.readString(dest));
        assertEquals(Status.OK, Harness.run(new GetUrlModule(), p, false).status());
        Result wrong = Harness.run(new GetUrlModule(), Map.of("url", http.url("/v1/tool.tar.gz"), "dest", dest.toString(),
                "checksum", "sha256:" + sha256("something else")), false);
        assertEquals(Status.FAILED, wrong.status());
        assertTrue(wrong.msg().contains("nothing written"), wrong.msg());
        assertEquals("release one\n", Files.readString(dest));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(dest), left.toList(), "no temporary file left");
        }
    }

    @Test
    void forceReplacesOnlyWhenTheUrlServesOtherBytes() throws Exception {
        Path dest = dir.resolve("tool");
        Map<String, Object> p = Map.of("url", http.url("/v1/tool.tar.gz"), "dest", dest.toString(), "force", true);
        Files.writeString(dest, "release one\n");
        assertEquals(Status.OK, Harness.run(new GetUrlModule(), p, true).status());
        assertEquals(Status.OK, Harness.run(new GetUrlModule(), p, false).status());
        http.serve("/v1/tool.tar.gz", "release two\n");
        assertEquals(Status.CHANGED, Harness.run(new GetUrlModule(), p, true).status());
        assertEquals("release one\n", Files.readString(dest));
        assertEquals(Status.CHANGED, Harness.run(new GetUrlModule(), p, false).status());
        assertEquals("release two\n", Files.readString(dest));
    }

    @Test
    void aFolderTakesTheUrlsNameAndALaterCheckTaskSeesTheDownload() throws Exception {
        HostContext host = Harness.localHost(true);
        Result r = Harness.run(new GetUrlModule(), Map.of("url", http.url("/v1/tool.tar.gz"), "dest", dir.toString()), host);
        assertEquals(dir.resolve("tool.tar.gz").toString(), r.data().get("dest"));
        Result stat = Harness.run(new StatModule(), Map.of("path", dir.resolve("tool.tar.gz").toString()), host);
        assertEquals(true, ((Map<?, ?>) stat.data().get("stat")).get("exists"));
    }

    @Test
    void a404FailsAndLeavesNothing() throws Exception {
        Path dest = dir.resolve("x");
        Result r = Harness.run(new GetUrlModule(), Map.of("url", http.url("/missing"), "dest", dest.toString()), false);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().contains("404"), r.msg());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void headersAndCredentialsReachTheServerAndHostileValuesStayData() throws Exception {
        String password = "pw; $(touch " + dir.resolve("pwned") + ") \"q\" 'q' \\";
        SecretMask.global().add(password); // SecretGuard would fail the task if it reached a command line
        Path dest = dir.resolve("-o; $(id) 'q' \"dq\"");
        Result r = Harness.run(new GetUrlModule(), Map.of("url", http.url("/v1/tool.tar.gz"), "dest", dest.toString(),
                "headers", Map.of("X-Token", "a\"b'c$(id)"), "urlUsername", "deploy", "urlPassword", password), false);
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals("release one\n", Files.readString(dest));
        LoopbackHttp.Request got = http.requests.get(0);
        assertEquals(List.of("a\"b'c$(id)"), got.headers().get("X-token"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("deploy:" + password).getBytes()),
                got.headers().get("Authorization").get(0));
        assertFalse(Files.exists(dir.resolve("pwned")));
        Result newline = Harness.run(new GetUrlModule(), Map.of("url", http.url("/v1/tool.tar.gz"), "dest", dest.toString(),
                "force", true, "headers", Map.of("X", "a\nurl = \"http://elsewhere/\"")), false);
        assertEquals(Status.FAILED, newline.status());
        assertTrue(newline.msg().contains("control character"), newline.msg());
    }
}
