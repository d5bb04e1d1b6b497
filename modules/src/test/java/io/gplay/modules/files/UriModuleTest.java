package io.gplay.modules.files;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UriModuleTest {
    @TempDir
    Path dir;
    LoopbackHttp http;

    @BeforeEach
    void start() throws Exception {
        Needs.require(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        http = new LoopbackHttp();
        http.serve("/api/health.json", "{\"database\": \"ok\", \"version\": 11}");
        http.serve("/api/datasources.json", "{\"id\": 1}");
        http.serve("/text", "line one\nline two");
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
    }

    @Test
    void aGetRegistersStatusJsonAndContentAsAnsiblesUri() {
        Result r = Harness.run(new UriModule(), Map.of("url", http.url("/api/health.json")), false);
        assertEquals(Status.OK, r.status(), r.msg());
        assertEquals(200, r.data().get("status"));
        assertEquals(Map.of("database", "ok", "version", 11), r.data().get("json"));
        assertNull(r.data().get("content"), "content only with returnContent");
        assertEquals(false, r.data().get("redirected"));
        Result text = Harness.run(new UriModule(), Map.of("url", http.url("/text"), "returnContent", true), true);
        assertEquals(Status.OK, text.status(), "a GET is sent in check mode too: " + text.msg());
        assertEquals("line one\nline two", text.data().get("content"));
        assertEquals(2, http.requests.size());
    }

    @Test
    void aStatusNotAskedForFails() {
        Result r = Harness.run(new UriModule(), Map.of("url", http.url("/nope")), false);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().startsWith("Status code was 404 and not [200]"), r.msg());
        assertEquals(Status.OK, Harness.run(new UriModule(), Map.of("url", http.url("/nope"), "statusCode", List.of(200, 404)), false).status());
    }

    @Test
    void aPostIsSentInARealRunOnlyWithItsJsonBody() {
        Map<String, Object> p = Map.of("url", http.url("/api/datasources.json"), "method", "POST", "bodyFormat", "json",
                "body", Map.of("name", "prometheus", "url", "http://localhost:9090"));
        Result check = Harness.run(new UriModule(), p, true);
        assertEquals(Status.SKIPPED, check.status());
        assertEquals(0, http.requests.size(), "nothing sent in check mode");
        Result real = Harness.run(new UriModule(), p, false);
        assertEquals(Status.OK, real.status(), real.msg());
        assertEquals(Map.of("id", 1), real.data().get("json"));
        LoopbackHttp.Request got = http.requests.get(0);
        assertEquals("POST", got.method());
        assertEquals(List.of("application/json"), got.headers().get("Content-type"));
        assertTrue(got.body().contains("\"name\":\"prometheus\""), got.body());
    }

    @Test
    void hostileBodiesHeadersAndPasswordsStayData() {
        String password = "pw; $(touch " + dir.resolve("pwned") + ") \"q\" 'q' \\";
        SecretMask.global().add(password); // SecretGuard would fail the task if it reached a command line
        String body = "a=1\nurl = \"http://elsewhere/\"\n$(touch " + dir.resolve("pwned") + ") `id` \\ '\"";
        Result r = Harness.run(new UriModule(), Map.of("url", http.url("/text"), "method", "PUT", "body", body,
                "headers", Map.of("X-Token", "-K /etc/passwd"), "urlUsername", "admin", "urlPassword", password), false);
        assertEquals(Status.OK, r.status(), r.msg());
        LoopbackHttp.Request got = http.requests.get(0);
        assertEquals(body, got.body());
        assertEquals(List.of("-K /etc/passwd"), got.headers().get("X-token"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes()), got.headers().get("Authorization").get(0));
        assertFalse(Files.exists(dir.resolve("pwned")));
        Result bad = Harness.run(new UriModule(), Map.of("url", http.url("/text"), "method", "GET -o /tmp/x"), false);
        assertEquals(Status.FAILED, bad.status());
    }
}
