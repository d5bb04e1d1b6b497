package io.gplay.modules.mysql;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mysqlInfo against a private MariaDB server (Debian's mariadb-server, see {@link MariaDbServer}). */
class MysqlInfoModuleTest {
    static MariaDbServer server;

    @BeforeAll
    static void server() throws Exception {
        server = MariaDbServer.shared();
        server.value("CREATE DATABASE IF NOT EXISTS info1; CREATE TABLE IF NOT EXISTS info1.t (id INT); CREATE DATABASE IF NOT EXISTS info_empty;"
                + " CREATE USER IF NOT EXISTS 'inf'@'%'; GRANT SELECT, INSERT ON info1.* TO 'inf'@'%'");
    }

    Result run(Map<String, Object> params, boolean check) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("loginUnixSocket", server.socket.toString());
        return Harness.run(new MysqlInfoModule(), p, check);
    }

    @Test
    void theSubsetsAFilterNames() {
        Result r = run(Map.of("filter", List.of("version", "databases", "users_info")), false);
        assertEquals(Status.OK, r.status(), r.msg());
        assertEquals(Set.of("version", "databases", "users_info"), Set.copyOf(r.registered().keySet().stream()
                .filter(k -> !Set.of("changed", "changes", "msg", "status", "failed", "skipped").contains(k)).toList()));
        Map<?, ?> version = (Map<?, ?>) r.registered().get("version");
        assertEquals(server.value("SELECT VERSION()"), version.get("full"));
        assertEquals(10, version.get("major"));
        Map<?, ?> dbs = (Map<?, ?>) r.registered().get("databases");
        assertEquals(1L, ((Map<?, ?>) dbs.get("info1")).get("tables"));
        assertFalse(dbs.containsKey("info_empty"), "a database with no table only with returnEmptyDbs, as in Ansible");
        assertTrue(((List<?>) r.registered().get("users_info")).contains(Map.of("name", "inf", "host", "%",
                "priv", "info1.*:SELECT,INSERT", "plugin", "mysql_native_password")), r.registered().get("users_info").toString());

        Result empty = run(Map.of("filter", "databases", "returnEmptyDbs", true, "excludeFields", List.of("db_size")), true);
        assertEquals(Map.of("tables", 0L), ((Map<?, ?>) empty.registered().get("databases")).get("info_empty"), "read in check mode too");

        Result all = run(Map.of("filter", "!settings,!global_status"), false);
        assertFalse(all.registered().containsKey("settings"));
        assertTrue(all.registered().containsKey("engines") && all.registered().containsKey("users"));
        assertTrue(((Map<?, ?>) all.registered().get("master_status")).get("Position") instanceof Long,
                "the shared server writes a binary log: its position, a number");

        Result bad = run(Map.of("filter", List.of("version", "nonsense")), false);
        assertEquals(Status.FAILED, bad.status());
        assertTrue(bad.msg().startsWith("filter: 'nonsense' is none of"), bad.msg());
    }
}
