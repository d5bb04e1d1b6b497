package io.gplay.modules.system;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Namespaced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sysctl module with the real sysctl in a throw-away network namespace (see {@link Namespaced}), on
 * net.ipv4.ip_forward, which each network namespace has its own of; the file is a temporary one.
 */
class SysctlTest {
    static final String KEY = "net.ipv4.ip_forward";

    @TempDir
    Path work;
    Namespaced ns;
    Path file;

    @BeforeEach
    void namespace() throws IOException {
        ns = new Namespaced(work);
        file = Files.createDirectories(work.resolve("sysctl.d")).resolve("60-forward.conf");
    }

    @AfterEach
    void end() {
        ns.close();
    }

    Result run(Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.putIfAbsent("name", KEY);
        p.put("sysctlFile", file.toString());
        return Harness.run(new SysctlModule(), p, check, ns, Map.of());
    }

    String live() {
        return ns.sh("sysctl -n " + KEY).strip();
    }

    String file() {
        try {
            return Files.exists(file) ? Files.readString(file) : "none";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void checkRealConverged(Map<String, Object> params) {
        Harness.checkRealAgain(check -> run(params, check), () -> live() + file());
    }

    @Test
    void setsLiveAndInTheFile() throws IOException {
        assertEquals("0", live());
        assertEquals(List.of("set " + KEY + " to 1 (was 0)", "create " + file, "load " + file + " (sysctl -p)"),
                run(Map.of("value", true, "sysctlSet", true), true).descriptions());
        checkRealConverged(Map.of("value", true, "sysctlSet", true));
        assertEquals("1", live());
        assertEquals(KEY + "=1\n", file());
    }

    @Test
    void aLiveValueThatDiffersIsLoadedFromTheFile() throws IOException {
        Files.writeString(file, KEY + "=1\n");
        Result r = run(Map.of("value", "yes"), true);
        assertEquals(List.of("load " + file + " (sysctl -p): " + KEY + " is 0 live"), r.descriptions());
        checkRealConverged(Map.of("value", "yes"));
        assertEquals("1", live());
    }

    @Test
    void onlyTheKeysLineChangesAndDuplicatesGo() throws IOException {
        String others = "# forwarding\n; old\nnet.core.somaxconn = 4096\n";
        Files.writeString(file, others + KEY + " = 0\n" + KEY + "=0\nnet.ipv4.tcp_syncookies=1");
        checkRealConverged(Map.of("value", 1, "reload", false));
        assertEquals(others + KEY + "=1\nnet.ipv4.tcp_syncookies=1", file());
        checkRealConverged(Map.of("state", "absent", "reload", false));
        assertEquals(others + "net.ipv4.tcp_syncookies=1", file());
        assertEquals("0", live(), "reload: false left the live value");
    }

    @Test
    void hostileValuesStayData() throws IOException {
        checkRealConverged(Map.of("value", "1; touch pwned $(id) `id` '\"", "reload", false));
        assertEquals(KEY + "=1; touch pwned $(id) `id` '\"\n", file());
        for (String bad : List.of("-p", "net.ipv4.ip_forward;id", "a b")) {
            Result r = run(Map.of("name", bad, "value", 1), false);
            assertEquals(Status.FAILED, r.status());
            assertTrue(r.msg().contains("is no sysctl key"), r.msg());
        }
        assertFalse(Files.exists(Path.of("pwned")));
    }
}
