package io.gplay.modules.mysql;

import java.util.Locale;
import java.util.Map;

/**
 * The server's implementation and version, and the statements that differ by them, as community.mysql's
 * CommandResolver names them (MySQL 8.0.22+ says REPLICA and SOURCE, 8.2+ BINARY LOG STATUS; MariaDB 10.5+ REPLICA and BINLOG).
 */
record ServerVersion(String full, boolean mariadb, int major, int minor, int release) {
    private static final Map<String, String[]> MYSQL = Map.of(
            "SHOW MASTER STATUS", new String[] {"8.2.0", "SHOW BINARY LOG STATUS"},
            "SHOW SLAVE STATUS", new String[] {"8.0.22", "SHOW REPLICA STATUS"},
            "SHOW SLAVE HOSTS", new String[] {"8.0.22", "SHOW REPLICAS"},
            "CHANGE MASTER", new String[] {"8.0.23", "CHANGE REPLICATION SOURCE"},
            "RESET MASTER", new String[] {"8.4.0", "RESET BINARY LOGS AND GTIDS"});
    private static final Map<String, String[]> MARIADB = Map.of(
            "SHOW MASTER STATUS", new String[] {"10.5.2", "SHOW BINLOG STATUS"},
            "SHOW SLAVE STATUS", new String[] {"10.5.1", "SHOW REPLICA STATUS"},
            "SHOW SLAVE HOSTS", new String[] {"10.5.1", "SHOW REPLICA HOSTS"});

    static ServerVersion of(MysqlLogin login) {
        return parse(login.read("SELECT VERSION() AS v").get(0).single());
    }

    static ServerVersion parse(String full) {
        String[] p = full.split("-", 2)[0].split("\\.");
        return new ServerVersion(full, full.toLowerCase(Locale.ROOT).contains("mariadb"), num(p, 0), num(p, 1), num(p, 2));
    }

    private static int num(String[] parts, int i) {
        return i < parts.length && parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
    }

    boolean atLeast(String version) {
        String[] p = version.split("\\.");
        int[] want = {num(p, 0), num(p, 1), num(p, 2)};
        int[] have = {major, minor, release};
        for (int i = 0; i < 3; i++) {
            if (have[i] != want[i]) {
                return have[i] > want[i];
            }
        }
        return true;
    }

    /** The statement as this server names it. */
    String resolve(String command) {
        String[] newer = (mariadb ? MARIADB : MYSQL).get(command);
        return newer != null && atLeast(newer[0]) ? newer[1] : command;
    }

    /** REPLICA or SLAVE: MySQL 8.0.22+ and MariaDB 10.5.1+ say REPLICA (START REPLICA, STOP REPLICA...). */
    String replicaTerm() {
        return atLeast(mariadb ? "10.5.1" : "8.0.22") ? "REPLICA" : "SLAVE";
    }

    /** MySQL 8.0.23+ says SOURCE_HOST where others say MASTER_HOST. */
    String option(String masterOption) {
        return !mariadb && atLeast("8.0.23") ? masterOption.replace("MASTER_", "SOURCE_") : masterOption;
    }
}
