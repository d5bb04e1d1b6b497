package io.gplay.modules.mysql;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mysqlQuery against a private MariaDB server (Debian's mariadb-server, see {@link MariaDbServer}). */
class MysqlQueryModuleTest {
    static MariaDbServer server;

    @BeforeAll
    static void server() throws Exception {
        server = MariaDbServer.shared();
        server.value("CREATE DATABASE IF NOT EXISTS qdb; CREATE TABLE IF NOT EXISTS qdb.seen (id INT PRIMARY KEY, story TEXT)");
    }

    Result run(Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("loginUnixSocket", server.socket.toString());
        p.put("loginUser", "root");
        return Harness.run(new MysqlQueryModule(), p, check);
    }

    @Test
    void createInsertSelectAsCommunityMysqlReportsThem() {
        Map<String, Object> create = Map.of("query", "CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, note VARCHAR(20))", "loginDb", "qdb");
        assertEquals(Status.CHANGED, run(create, false).status(), "a CREATE is a change");
        Result again = run(create, false);
        assertEquals(Status.OK, again.status(), "the server warned that the table already exists: " + again.msg());

        Result insert = run(Map.of("query", List.of("INSERT INTO orders VALUES (1, 'one'), (2, NULL)", "UPDATE orders SET note = 'one' WHERE id = 1"),
                "loginDb", "qdb"), false);
        assertEquals(Status.CHANGED, insert.status());
        assertEquals(List.of(2, 0), insert.registered().get("rowcount"), "rows affected by each query");
        assertEquals(List.of("INSERT INTO orders VALUES (1, 'one'), (2, NULL)", "UPDATE orders SET note = 'one' WHERE id = 1"),
                insert.registered().get("executed_queries"));
        assertEquals(2, ((List<?>) insert.registered().get("execution_time_ms")).size());

        Result select = run(Map.of("query", "SELECT id, note FROM orders ORDER BY id", "loginDb", "qdb"), false);
        assertEquals(Status.OK, select.status(), "a SELECT changes nothing");
        List<?> rows = (List<?>) ((List<?>) select.registered().get("query_result")).get(0);
        assertEquals(Map.of("id", "1", "note", "one"), rows.get(0));
        Map<String, Object> second = new HashMap<>();
        second.put("id", "2");
        second.put("note", null);
        assertEquals(second, rows.get(1), "NULL is null, not the text NULL");
        assertEquals(List.of(2), select.registered().get("rowcount"));
        assertEquals(Status.OK, run(Map.of("query", "UPDATE qdb.orders SET note = 'one' WHERE id = 1"), false).status(),
                "an UPDATE that matched no row to change affects none: ok");
    }

    @Test
    void argumentsStayDataWhateverTheyHold() throws Exception {
        Path marker = Files.createTempFile("gplay-mysql", ".x");
        Files.delete(marker);
        String hostile = "x'); DROP TABLE seen; -- \\ \" $(touch " + marker + ") `touch " + marker + "`\n\\! touch " + marker;
        Result insert = run(Map.of("query", "INSERT INTO seen VALUES (%s, %s)", "loginDb", "qdb", "positionalArgs", List.of(7, hostile)), false);
        assertEquals(Status.CHANGED, insert.status(), insert.msg());
        assertEquals(HexFormat.of().withUpperCase().formatHex(hostile.getBytes(StandardCharsets.UTF_8)),
                server.value("SELECT HEX(story) FROM qdb.seen WHERE id = 7"), "stored as given");
        Result named = run(Map.of("query", "SELECT story, 100 %% 7 AS m FROM seen WHERE id = %(id)s AND story = %(s)s", "loginDb", "qdb",
                "namedArgs", Map.of("id", 7, "s", hostile)), false);
        assertEquals(List.of(List.of(Map.of("story", hostile, "m", "2"))), named.registered().get("query_result"));
        assertFalse(Files.exists(marker), "no value ran as a command");
        Result shell = run(Map.of("query", List.of("SELECT 1", "\\! touch " + marker)), false);
        assertEquals(Status.FAILED, shell.status());
        assertTrue(shell.msg().contains("Not allowed in the sandbox mode"), shell.msg());
        assertFalse(Files.exists(marker), "the client's shell command is refused");
        Result bad = run(Map.of("query", "SELECT %s, %s", "positionalArgs", List.of(1)), false);
        assertEquals(Status.FAILED, bad.status());
        assertTrue(bad.msg().contains("more %s than positionalArgs"), bad.msg());
    }

    @Test
    void aSingleTransactionKeepsNothingWhenAQueryFails() {
        Result r = run(Map.of("query", List.of("INSERT INTO seen VALUES (20, 'a')", "INSERT INTO nosuch VALUES (1)"), "loginDb", "qdb",
                "singleTransaction", true), false);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.msg().startsWith("Cannot execute SQL 'INSERT INTO nosuch VALUES (1)'"), r.msg());
        assertEquals("0", server.value("SELECT COUNT(*) FROM qdb.seen WHERE id = 20"));
        Result kept = run(Map.of("query", List.of("INSERT INTO seen VALUES (21, 'a')", "INSERT INTO nosuch VALUES (1)"), "loginDb", "qdb"), false);
        assertEquals(Status.FAILED, kept.status());
        assertEquals("1", server.value("SELECT COUNT(*) FROM qdb.seen WHERE id = 21"), "autocommit: the first query is kept, as in Ansible");
    }

    @Test
    void checkModeRunsNothing() {
        Result r = run(Map.of("query", "INSERT INTO seen VALUES (%s, 'c')", "loginDb", "qdb", "positionalArgs", List.of(30)), true);
        assertEquals(Status.SKIPPED, r.status());
        assertEquals(List.of("INSERT INTO seen VALUES (30, 'c')"), r.registered().get("executed_queries"));
        assertEquals("0", server.value("SELECT COUNT(*) FROM qdb.seen WHERE id = 30"));
    }

    @Test
    void theLoginPasswordIsOnNoCommandLine() {
        String password = "s3cr\"et' \\$(x)\nline";
        server.value("CREATE USER IF NOT EXISTS 'qlogin'@'localhost' IDENTIFIED BY " + Sql.literal(password));
        MariaDbServer.Recording conn = new MariaDbServer.Recording();
        Map<String, Object> p = Map.of("query", "SELECT CURRENT_USER() AS me", "loginUser", "qlogin", "loginPassword", password,
                "loginUnixSocket", server.socket.toString());
        Result r = Harness.run(new MysqlQueryModule(), p, false, conn, Map.of());
        assertEquals(List.of(List.of(Map.of("me", "qlogin@localhost"))), r.registered().get("query_result"), r.msg());
        assertTrue(conn.lines.stream().noneMatch(l -> l.contains("s3cr")), conn.lines.toString());
        Result wrong = Harness.run(new MysqlQueryModule(), new HashMap<>(Map.of("query", "SELECT 1", "loginUser", "qlogin",
                "loginPassword", "wrong", "loginUnixSocket", server.socket.toString())), false, conn, Map.of());
        assertEquals(Status.FAILED, wrong.status());
        assertTrue(wrong.msg().contains("unable to connect to database"), wrong.msg());
    }
}
