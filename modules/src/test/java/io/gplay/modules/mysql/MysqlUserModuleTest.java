package io.gplay.modules.mysql;

import io.gplay.engine.inventory.Host;
import io.gplay.engine.module.HostContext;
import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mysqlUser against a private MariaDB server (Debian's mariadb-server, see {@link MariaDbServer}). */
class MysqlUserModuleTest {
    static MariaDbServer server;

    @BeforeAll
    static void server() throws Exception {
        server = MariaDbServer.shared();
        server.value("CREATE DATABASE IF NOT EXISTS udb; CREATE DATABASE IF NOT EXISTS udb2");
    }

    Map<String, Object> login(Map<String, Object> params) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("loginUnixSocket", server.socket.toString());
        return p;
    }

    Result run(Map<String, Object> params, boolean check) {
        return Harness.run(new MysqlUserModule(), login(params), check);
    }

    /** A check run, the real run (same descriptions and diffs, nothing written by the check), then a converged run. */
    Result checkRealConverged(Map<String, Object> params) {
        String before = server.value("SELECT User, Host, authentication_string FROM mysql.user ORDER BY User, Host; SELECT * FROM mysql.db ORDER BY User, Db");
        Result check = run(params, true);
        assertEquals(Status.CHANGED, check.status(), check.msg());
        assertEquals(before, server.value("SELECT User, Host, authentication_string FROM mysql.user ORDER BY User, Host; SELECT * FROM mysql.db ORDER BY User, Db"),
                "check mode wrote nothing");
        Result real = run(params, false);
        assertEquals(Status.CHANGED, real.status(), real.msg());
        assertEquals(check.descriptions(), real.descriptions());
        assertEquals(check.diffs(), real.diffs());
        Result again = run(params, false);
        assertEquals(Status.OK, again.status(), again.descriptions().toString());
        assertTrue(again.msg().startsWith(params.get("state") == null ? "User unchanged: " : "User doesn't exist"), again.msg());
        return real;
    }

    boolean logsIn(String user, String password) {
        return Harness.run(new MysqlQueryModule(), login(Map.of("query", "SELECT 1", "loginUser", user, "loginPassword", password)), false)
                .status() == Status.OK;
    }

    String grants(String account) {
        return server.value("SHOW GRANTS FOR " + account);
    }

    @Test
    void anAccountWithPasswordAndPrivilegesConverges() {
        Result added = checkRealConverged(Map.of("name", "app", "password", "first pw", "priv", "udb.*:SELECT,INSERT/udb2.*:ALL"));
        assertEquals(true, added.registered().get("password_changed"));
        assertEquals("app", added.registered().get("user"));
        assertTrue(logsIn("app", "first pw"));
        assertEquals(server.value("SELECT PASSWORD('first pw')"), server.value("SELECT authentication_string FROM mysql.user WHERE User = 'app'"),
                "the hash the server would make itself");
        String grants = grants("'app'@'localhost'");
        assertTrue(grants.contains("GRANT SELECT, INSERT ON `udb`.* TO `app`@`localhost`"), grants);
        assertTrue(grants.contains("GRANT ALL PRIVILEGES ON `udb2`.* TO `app`@`localhost`"), grants);

        Result changed = checkRealConverged(Map.of("name", "app", "password", "second pw", "priv", Map.of("udb.*", "SELECT,GRANT")));
        assertEquals(true, changed.registered().get("password_changed"));
        assertTrue(logsIn("app", "second pw"));
        assertFalse(logsIn("app", "first pw"));
        grants = grants("'app'@'localhost'");
        assertTrue(grants.contains("GRANT SELECT ON `udb`.* TO `app`@`localhost` WITH GRANT OPTION"), grants);
        assertFalse(grants.contains("udb2"), "an object the task does not name loses its privileges: " + grants);
        assertEquals(Status.OK, run(Map.of("name", "app", "password", "third", "updatePassword", "on_create"), false).status());

        checkRealConverged(Map.of("name", "app", "priv", "udb2.*:UPDATE", "appendPrivs", true));
        assertTrue(grants("'app'@'localhost'").contains("GRANT SELECT ON `udb`.* TO `app`@`localhost` WITH GRANT OPTION"));
        checkRealConverged(Map.of("name", "app", "priv", "udb.*:GRANT", "subtractPrivs", true));
        grants = grants("'app'@'localhost'");
        assertTrue(grants.contains("GRANT SELECT ON `udb`.* TO `app`@`localhost`") && !grants.contains("`udb`.* TO `app`@`localhost` WITH GRANT"), grants);
    }

    @Test
    void absentAndHostAll() {
        server.value("CREATE USER 'gone'@'localhost'; CREATE USER 'gone'@'10.0.0.%'");
        Result check = run(Map.of("name", "gone", "hostAll", true, "state", "absent"), true);
        assertEquals(List.of("drop user 'gone'@'10.0.0.%'", "drop user 'gone'@'localhost'"), check.descriptions().stream().sorted().toList());
        checkRealConverged(Map.of("name", "gone", "hostAll", true, "state", "absent"));
        assertEquals("0", server.value("SELECT COUNT(*) FROM mysql.user WHERE User = 'gone'"));
        assertEquals("User doesn't exist", run(Map.of("name", "gone", "state", "absent"), false).msg());
        Result add = run(Map.of("name", "gone2", "hostAll", true), false);
        assertEquals(Status.FAILED, add.status(), "hostAll adds no account, as in Ansible");
        assertTrue(add.msg().startsWith("hostAll cannot be used when adding a user"), add.msg());
    }

    @Test
    void checkImplicitAdminTriesRootWithNoPasswordFirst() {
        Result root = run(Map.of("name", "viaroot", "loginUser", "nobody", "loginPassword", "wrong", "checkImplicitAdmin", true), false);
        assertEquals(Status.CHANGED, root.status(), "root through the socket got in: " + root.msg());
        Result given = run(Map.of("name", "viaroot", "loginUser", "nobody", "loginPassword", "wrong"), false);
        assertEquals(Status.FAILED, given.status());
        assertTrue(given.msg().startsWith("unable to connect to database, check loginUser and loginPassword"), given.msg());
    }

    @Test
    void aCheckRunsLaterTasksSeeThePredictedAccount() {
        HostContext where = HostContext.of(new Host("local", List.of(), Map.of()), Map.of(), new io.gplay.engine.connection.LocalConnection(), true);
        Map<String, Object> task = login(Map.of("name", "later", "password", "pw", "priv", "udb.*:SELECT"));
        assertEquals(Status.CHANGED, Harness.run(new MysqlUserModule(), task, where).status());
        assertEquals(Status.OK, Harness.run(new MysqlUserModule(), task, where).status());
        assertEquals(Status.CHANGED, Harness.run(new MysqlUserModule(), login(Map.of("name", "later", "priv", "udb.*:INSERT")), where).status());
        assertEquals("0", server.value("SELECT COUNT(*) FROM mysql.user WHERE User = 'later'"));
    }

    @Test
    void hostileValuesStayDataAndThePasswordIsNeverShown() throws Exception {
        Path marker = Files.createTempFile("gplay-mysql", ".x");
        Files.delete(marker);
        String name = "o'k\"`$(touch " + marker + ")";
        String password = "pw'\";\\ $(touch " + marker + ")\nDROP USER root";
        server.value("CREATE DATABASE IF NOT EXISTS `we``ird`");
        MariaDbServer.Recording conn = new MariaDbServer.Recording();
        Map<String, Object> task = login(Map.of("name", name, "host", "%", "password", password, "priv", "we`ird.*:SELECT"));
        Result r = Harness.run(new MysqlUserModule(), task, false, conn, Map.of());
        assertEquals(Status.CHANGED, r.status(), r.msg());
        assertEquals(Status.OK, Harness.run(new MysqlUserModule(), task, false, conn, Map.of()).status());
        assertTrue(logsIn(name, password));
        assertTrue(server.value("SHOW GRANTS FOR " + Sql.account(name, "%")).contains("GRANT SELECT ON `we``ird`.*"));
        assertFalse(Files.exists(marker), "no value ran as a command");
        assertTrue(conn.lines.stream().noneMatch(l -> l.contains("pw'") || l.contains("DROP USER")), "the password is on no command line");
        assertFalse(r.toString().contains("pw'"), "nor in the result: " + r);
        for (String priv : List.of("udb.*:SELECT; DROP DATABASE udb", "udb.*:SELECT (a); DROP", "udb:SELECT", "udb.*")) {
            Result bad = run(Map.of("name", "x", "priv", priv), false);
            assertEquals(Status.FAILED, bad.status(), priv);
            assertTrue(bad.msg().startsWith("priv: "), bad.msg());
        }
        assertEquals("udb", server.value("SHOW DATABASES LIKE 'udb'"));
        assertEquals("0", server.value("SELECT COUNT(*) FROM mysql.user WHERE User = 'x'"));
    }
}
