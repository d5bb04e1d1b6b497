package io.gplay.modules.mysql;

import io.gplay.engine.module.ModuleContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts of one user name on the server, read in two round trips (the SQL mode, the hosts and where the
 * server keeps hashes; then each account's hash and SHOW GRANTS), or as an earlier task of a check run predicted them.
 */
final class Accounts {
    private final ModuleContext ctx;
    private final String user;
    private final boolean ansi;
    private final List<String> hosts;
    private final Map<String, Account> server = new LinkedHashMap<>();

    private Accounts(ModuleContext ctx, String user, boolean ansi, List<String> hosts) {
        this.ctx = ctx;
        this.user = user;
        this.ansi = ansi;
        this.hosts = hosts;
    }

    static Accounts read(ModuleContext ctx, MysqlLogin login, String user) {
        List<ResultSet> first = login.read("SELECT @@sql_mode AS m;\n"
                + "SELECT Host AS h FROM mysql.user WHERE User = " + Sql.literal(user) + ";\n"
                + "SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME = 'user'"
                + " AND COLUMN_NAME IN ('Password', 'authentication_string') ORDER BY COLUMN_NAME DESC");
        Accounts a = new Accounts(ctx, user, first.get(0).single().contains("ANSI"), new ArrayList<>(first.get(1).column("h")));
        if (!a.hosts.isEmpty()) {
            // MariaDB before 10.4 keeps the hash in Password, MySQL 5.7+ and MariaDB 10.4+ in authentication_string
            String hash = "COALESCE(" + String.join(", ", first.get(2).column("c").stream().map(c -> "NULLIF(" + c + ", '')").toList()) + ", NULL)";
            StringBuilder sql = new StringBuilder();
            for (String h : a.hosts) {
                sql.append("SELECT ").append(hash).append(" AS hash FROM mysql.user WHERE User = ").append(Sql.literal(user))
                        .append(" AND Host = ").append(Sql.literal(h)).append(";\nSHOW GRANTS FOR ").append(Sql.account(user, h)).append(";\n");
            }
            List<ResultSet> sets = login.read(sql.toString());
            for (int i = 0; i < a.hosts.size(); i++) {
                ResultSet grants = sets.get(2 * i + 1);
                a.server.put(a.hosts.get(i), new Account(sets.get(2 * i).single(),
                        Privileges.fromGrants(grants.columns().isEmpty() ? List.of() : grants.column(grants.columns().get(0)))));
            }
        }
        return a;
    }

    boolean ansi() {
        return ansi;
    }

    /** The hosts the name has accounts on. */
    List<String> hosts() {
        return hosts;
    }

    /** The account on that host; null when there is none (or a check run predicted it dropped). */
    Account account(String host) {
        String predicted = ctx.predictedState(key(host));
        if (predicted == null) {
            return server.get(host);
        }
        if (predicted.equals("absent")) {
            return null;
        }
        String[] parts = predicted.split("\n", 2);
        return new Account(parts[0].isEmpty() ? null : parts[0], Privileges.decode(parts[1]));
    }

    void predict(String host, Account after) {
        ctx.predictState(key(host), (after.hash() == null ? "" : after.hash()) + "\n" + Privileges.encode(after.privileges()));
    }

    void predictAbsent(String host) {
        ctx.predictState(key(host), "absent");
    }

    private String key(String host) {
        return "mysqlUser:" + Sql.account(user, host);
    }
}
