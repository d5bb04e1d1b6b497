package io.gplay.modules.mysql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * mysqlInfo's users_info: each account with its privileges as the priv string mysqlUser takes, as mysql_info's
 * __get_users_info writes it (objects unquoted, *.*:USAGE dropped beside others, PROXY-only grants left out).
 * MariaDB's roles (no host) are left out.
 */
final class UsersInfo {
    private UsersInfo() {
    }

    static List<Map<String, Object>> of(MysqlLogin login, ResultSet users) {
        List<Map<String, String>> accounts = users.rows().stream().filter(r -> r.get("Host") != null && !r.get("Host").isEmpty()).toList();
        List<Map<String, Object>> out = new ArrayList<>();
        if (accounts.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder();
        for (Map<String, String> a : accounts) {
            sql.append("SHOW GRANTS FOR ").append(Sql.account(a.get("User"), a.get("Host"))).append(";\n");
        }
        List<ResultSet> grants = login.read(sql.toString());
        for (int i = 0; i < accounts.size(); i++) {
            ResultSet g = grants.get(i);
            Map<String, Set<String>> privs = Privileges.fromGrants(g.columns().isEmpty() ? List.of() : g.column(g.columns().get(0)));
            List<String> parts = new ArrayList<>();
            privs.forEach((object, names) -> {
                if (!names.equals(Set.of("PROXY")) && !names.equals(Set.of("PROXY", "GRANT"))) {
                    parts.add(object.replace("`", "").replace("'", "") + ":" + String.join(",", names));
                }
            });
            if (parts.size() > 1) {
                parts.remove("*.*:USAGE");
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("name", accounts.get(i).get("User"));
            info.put("host", accounts.get(i).get("Host"));
            info.put("priv", String.join("/", parts));
            info.put("plugin", accounts.get(i).get("plugin"));
            out.add(info);
        }
        return out;
    }
}
