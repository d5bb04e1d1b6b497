package io.gplay.modules.system;

import io.gplay.engine.connection.Command;
import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import io.gplay.modules.Needs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** getent against this machine's real getent and its passwd, group and services databases. */
class GetentTest {
    @BeforeEach
    void getent() {
        Needs.require(new LocalConnection().exec(Command.probe("command -v getent")).ok(), "getent (libc-bin) is not installed");
    }

    private static Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new GetentModule(), params, check);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fact(Result r, String name) {
        return (Map<String, Object>) ((Map<String, Object>) r.registered().get(Result.MODULE_FACTS)).get(name);
    }

    @Test
    void aKeyOfPasswdIsItsFieldsSplitOnColonsAndCheckModeReadsTheSame() throws Exception {
        String line = Files.readAllLines(Path.of("/etc/passwd")).stream().filter(l -> l.startsWith("root:")).findFirst().orElseThrow();
        List<String> fields = Arrays.asList(line.split(":", -1)).subList(1, 7);
        for (boolean check : new boolean[]{false, true}) {
            Result r = run(Map.of("database", "passwd", "key", "root"), check);
            assertEquals(Status.OK, r.status(), r.msg());
            assertEquals(Map.of("root", fields), fact(r, "getent_passwd"));
        }
    }

    @Test
    void everyEntryWithoutAKeyAndBlanksSplitOtherDatabases() {
        Map<String, Object> groups = fact(run(Map.of("database", "group"), false), "getent_group");
        assertEquals("0", ((List<?>) groups.get("root")).get(1));
        assertTrue(groups.size() > 5, groups.keySet().toString());
        Map<String, Object> services = fact(run(Map.of("database", "services", "key", "ssh"), false), "getent_services");
        assertEquals(List.of("22/tcp"), services.get("ssh"));
        Map<String, Object> own = fact(run(Map.of("database", "passwd", "key", "root", "split", "/"), false), "getent_passwd");
        assertTrue(own.keySet().iterator().next().startsWith("root:x:0:0:root:"), own.toString());
    }

    @Test
    void aMissingKeyFailsOrIsNullWithFailKeyFalse() {
        Result failed = run(Map.of("database", "passwd", "key", "no-such-user-here"), false);
        assertEquals(Status.FAILED, failed.status());
        assertTrue(failed.msg().startsWith("One or more supplied key could not be found in the database"), failed.msg());
        Result none = run(Map.of("database", "passwd", "key", "no-such-user-here", "failKey", false), false);
        assertEquals(Status.OK, none.status(), none.msg());
        Map<String, Object> expected = new HashMap<>();
        expected.put("no-such-user-here", null);
        assertEquals(expected, fact(none, "getent_passwd"));
    }

    @Test
    void hostileValuesStayData(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path marker = dir.resolve("x");
        Result db = run(Map.of("database", "-rf"), false);
        assertEquals(Status.FAILED, db.status());
        assertEquals("Missing arguments, or database unknown: '-rf'", db.msg());
        Result key = run(Map.of("database", "passwd", "key", "$(touch " + marker + ")'\"\nroot", "failKey", false), false);
        assertEquals(Status.OK, key.status(), key.msg());
        assertFalse(Files.exists(marker));
        assertEquals(Status.FAILED, run(Map.of("database", "passwd", "split", ""), false).status());
    }

    @Test
    void theRegisteredResultHoldsTheFactAsAnsiblesDoes() {
        Map<String, Object> reg = run(Map.of("database", "passwd", "key", "root"), false).registered();
        assertEquals(false, reg.get("changed"));
        assertTrue(((Map<?, ?>) reg.get("ansible_facts")).containsKey("getent_passwd"), reg.toString());
        assertEquals(List.of("getent_passwd"), new GetentModule().spec().factsSet(Map.of("database", "passwd")));
    }
}
