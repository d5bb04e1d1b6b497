package io.gplay.modules.mysql;

import io.gplay.engine.connection.LocalConnection;
import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mysqlDb against a private MariaDB server (Debian's mariadb-server, see {@link MariaDbServer}). */
class MysqlDbModuleTest {
    static MariaDbServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void server() throws Exception {
        server = MariaDbServer.shared();
    }

    Map<String, Object> login(Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("loginUnixSocket", server.socket.toString());
        return p;
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new MysqlDbModule(), login(params), check);
    }

    String databases() {
        return server.value("SHOW DATABASES");
    }

    void checkRealConverged(Map<String, Object> params) {
        String before = databases();
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, databases(), "check mode wrote nothing");
        Result real = run(params, false);
        assertEquals(check.descriptions(), real.descriptions());
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertTrue(again.msg().startsWith("every database of") || again.msg().startsWith("no database of"), again.msg());
    }

    @Test
    void databasesAreCreatedWithTheirEncodingAndDropped() {
        checkRealConverged(Map.of("name", List.of("shop", "blog"), "encoding", "utf8mb4", "collation", "utf8mb4_unicode_ci"));
        assertEquals("utf8mb4\tutf8mb4_unicode_ci", server.value("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'blog'"));
        Result r = run(Map.of("name", List.of("shop", "blog")), false);
        assertEquals("shop blog", r.registered().get("db"));
        assertEquals(List.of("shop", "blog"), r.registered().get("db_list"));
        assertEquals(List.of(), r.registered().get("executed_commands"));
        checkRealConverged(Map.of("name", "shop", "state", "absent"));
        assertFalse(databases().lines().anyMatch("shop"::equals));
        assertTrue(databases().lines().anyMatch("blog"::equals));
        assertEquals(Status.FAILED, run(Map.of("name", "all"), false).status());
    }

    @Test
    void aCheckRunsLaterTasksSeeThePredictedDatabase() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), new LocalConnection(), true);
        assertEquals(Status.CHANGED, Harness.run(new MysqlDbModule(), login(Map.of("name", "later")), where).status());
        assertEquals(Status.OK, Harness.run(new MysqlDbModule(), login(Map.of("name", "later")), where).status());
        assertEquals(Status.CHANGED, Harness.run(new MysqlDbModule(), login(Map.of("name", "later", "state", "absent")), where).status());
        assertFalse(databases().lines().anyMatch("later"::equals));
    }

    @Test
    void aDumpImportsIntoAnotherDatabase() throws IOException {
        server.value("CREATE DATABASE IF NOT EXISTS src; CREATE TABLE IF NOT EXISTS src.t (id INT, v TEXT); INSERT INTO src.t VALUES (1, 'a\\'b')");
        for (String file : List.of("src.sql", "src.sql.gz")) {
            String target = dir.resolve(file).toString();
            Result check = run(Map.of("name", "src", "state", "dump", "target", target), true);
            assertEquals(Status.CHANGED, check.status());
            assertFalse(Files.exists(Path.of(target)), "check mode dumps nothing");
            Result dump = run(Map.of("name", "src", "state", "dump", "target", target), false);
            assertEquals(Status.CHANGED, dump.status(), dump.msg());
            assertEquals(check.descriptions(), dump.descriptions());
            assertTrue(text(Path.of(target)).contains("INSERT INTO `t` VALUES"), "a dump, compressed by its suffix");
            assertEquals(List.of(Path.of(target)), Files.list(dir).filter(p -> p.toString().equals(target) || p.toString().contains("gplay-")).toList(),
                    "no temporary file left");
            String copy = "copy " + file.replace('.', '_');
            Result load = run(Map.of("name", copy, "state", "import", "target", target), false);
            assertEquals(Status.CHANGED, load.status(), load.msg());
            assertEquals("1\ta'b", server.value("SELECT id, v FROM `" + copy + "`.t"));
        }
        Result missing = run(Map.of("name", "nosuch", "state", "dump", "target", dir.resolve("x.sql").toString()), false);
        assertEquals("Cannot dump database(s) 'nosuch' - not found", missing.msg());
        Files.writeString(dir.resolve("bad.sql.gz"), "not gzip");
        Result bad = run(Map.of("name", "badimport", "state", "import", "target", dir.resolve("bad.sql.gz").toString()), false);
        assertEquals(Status.FAILED, bad.status(), "a file that does not unpack fails the import");
    }

    @Test
    void hostileNamesStayData() throws IOException {
        Path marker = Path.of("/tmp/gplay-mysqldb-m");
        Files.deleteIfExists(marker);
        String name = "-rf; `x` $(touch " + marker + ") 'q\"";
        checkRealConverged(Map.of("name", name));
        assertTrue(databases().lines().anyMatch(name::equals), databases());
        Path target = dir.resolve("hostile.sql");
        Result dump = run(Map.of("name", name, "state", "dump", "target", target.toString()), false);
        assertEquals(Status.CHANGED, dump.status(), dump.msg());
        Result load = run(Map.of("name", name, "state", "import", "target", target.toString()), false);
        assertEquals(Status.CHANGED, load.status(), load.msg());
        checkRealConverged(Map.of("name", name, "state", "absent"));
        assertFalse(Files.exists(marker), "no name ran as a command");
        Result bad = run(Map.of("name", "x", "encoding", "utf8; DROP DATABASE blog"), false);
        assertEquals(Status.FAILED, bad.status());
        assertTrue(bad.msg().startsWith("encoding 'utf8; DROP DATABASE blog' is no character set"), bad.msg());
    }

    private static String text(Path file) throws IOException {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
