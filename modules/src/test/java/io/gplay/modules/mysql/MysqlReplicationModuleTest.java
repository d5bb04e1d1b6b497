package io.gplay.modules.mysql;

import io.gplay.engine.module.Result;
import io.gplay.engine.module.Status;
import io.gplay.modules.Harness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mysqlReplication between two private MariaDB servers on loopback: the shared one as primary, one of its own as replica. */
class MysqlReplicationModuleTest {
    static MariaDbServer primary;
    static MariaDbServer replica;

    @BeforeAll
    static void servers() throws Exception {
        primary = MariaDbServer.shared();
        replica = MariaDbServer.start(2);
    }

    @AfterAll
    static void stop() {
        if (replica != null) {
            replica.close();
        }
    }

    Result run(MariaDbServer on, Map<String, Object> params, boolean check, MariaDbServer.Recording conn) {
        Map<String, Object> p = new HashMap<>(params);
        p.put("loginUnixSocket", on.socket.toString());
        return conn == null ? Harness.run(new MysqlReplicationModule(), p, check) : Harness.run(new MysqlReplicationModule(), p, check, conn, Map.of());
    }

    Result run(MariaDbServer on, Map<String, Object> params) {
        return run(on, params, false, null);
    }

    @Test
    void aReplicaFollowsItsPrimary() throws Exception {
        String password = "r'\"p $(touch /tmp/gplay-repl-m)";
        primary.value("CREATE USER IF NOT EXISTS 'repl'@'127.0.0.1' IDENTIFIED BY " + Sql.literal(password)
                + "; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'127.0.0.1'");
        Result status = run(primary, Map.of("mode", "getprimary"), true, null);
        assertEquals(true, status.registered().get("Is_Primary"), status.msg());
        assertTrue(status.registered().get("Position") instanceof Long);
        assertEquals(false, run(replica, Map.of("mode", "getreplica")).registered().get("Is_Replica"));

        Map<String, Object> change = Map.of("mode", "changeprimary", "primaryHost", "127.0.0.1", "primaryPort", primary.port,
                "primaryUser", "repl", "primaryPassword", password, "primaryLogFile", status.registered().get("File"),
                "primaryLogPos", status.registered().get("Position"), "primaryConnectRetry", 1);
        Result check = run(replica, change, true, null);
        assertEquals(Status.SKIPPED, check.status());
        assertEquals(false, run(replica, Map.of("mode", "getreplica")).registered().get("Is_Replica"), "check mode changed nothing");
        MariaDbServer.Recording conn = new MariaDbServer.Recording();
        Result changed = run(replica, change, false, conn);
        assertEquals(Status.CHANGED, changed.status(), changed.msg());
        String query = "CHANGE MASTER TO MASTER_HOST='127.0.0.1',MASTER_USER='repl',MASTER_PASSWORD='********',MASTER_PORT=" + primary.port
                + ",MASTER_CONNECT_RETRY=1,MASTER_LOG_FILE='" + status.registered().get("File") + "',MASTER_LOG_POS=" + status.registered().get("Position");
        assertEquals(List.of(query), changed.registered().get("queries"));
        assertFalse(changed.toString().contains("r'\\\"p") || changed.toString().contains("touch"), "the password is masked: " + changed);
        assertTrue(conn.lines.stream().noneMatch(l -> l.contains("touch")), "and on no command line");

        Result start = run(replica, Map.of("mode", "startreplica"));
        assertEquals(Status.CHANGED, start.status(), start.msg());
        assertEquals(List.of("START REPLICA"), start.registered().get("queries"));
        Result again = run(replica, Map.of("mode", "startreplica"));
        assertEquals(Status.OK, again.status(), "already running: " + again.msg());

        primary.value("CREATE DATABASE replicated_db");
        long end = System.nanoTime() + 15_000_000_000L;
        while (!replica.value("SHOW DATABASES LIKE 'replicated_db'").equals("replicated_db") && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        Result replicating = run(replica, Map.of("mode", "getreplica"));
        assertEquals(true, replicating.registered().get("Is_Replica"));
        assertEquals("Yes", replicating.registered().get("Slave_IO_Running"), replicating.registered().get("Last_IO_Error").toString());
        assertEquals("replicated_db", replica.value("SHOW DATABASES LIKE 'replicated_db'"), "the primary's change reached the replica");

        assertEquals(Status.CHANGED, run(replica, Map.of("mode", "stopreplica")).status());
        assertEquals(Status.OK, run(replica, Map.of("mode", "stopreplica")).status(), "already stopped");
        assertEquals(Status.CHANGED, run(replica, Map.of("mode", "resetreplicaall")).status());
        assertEquals(false, run(replica, Map.of("mode", "getreplica")).registered().get("Is_Replica"));
        Result reset = run(replica, Map.of("mode", "resetprimary"));
        assertEquals(List.of("RESET MASTER"), reset.registered().get("queries"));
        assertEquals(Status.CHANGED, reset.status(), reset.msg());
        primary.value("DROP DATABASE replicated_db");
    }
}
