package io.gplay.modules.mysql;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a MySQL or MariaDB server says of itself, as community.mysql's mysql_info (plugins/modules/mysql_info.py):
 * the subsets a filter names, each read with the statement the Python module uses, in one client session.
 */
public final class MysqlInfoModule implements Module {
    private static final List<String> SUBSETS = List.of("version", "databases", "settings", "global_status", "engines", "users",
            "users_info", "master_status", "slave_status", "slave_hosts");

    private static final ModuleSpec SPEC = MysqlLogin.declare(new ModuleSpec("mysqlInfo",
            "Reads what a MySQL or MariaDB server says of itself: version, databases, settings, status, users, replication."))
            .param(Param.optional("filter", ParamType.LIST, List.of(), "the subsets to read (" + String.join(", ", SUBSETS)
                    + "); !name reads all but that one; none: all"))
            .param(Param.optional("excludeFields", ParamType.LIST, List.of(), "databases: fields left out, db_size and db_table_count"))
            .param(Param.optional("returnEmptyDbs", ParamType.BOOL, false, "databases: list those with no table too"))
            .param(MysqlLogin.IMPLICIT_ADMIN)
            .checkMode("reads as in a real run; it changes nothing")
            .notes("Values that are whole numbers are numbers, others text, as in Ansible. users_info gives each account's name,"
                    + " host, priv (the string mysqlUser takes) and plugin; the hash is not returned.")
            .example("mysqlInfo filter: ['version', 'databases']")
            .example("mysqlInfo filter: '!settings', loginUnixSocket: '/run/mysqld/mysqld.sock'");

    static {
        for (String s : SUBSETS) {
            SPEC.returns(s, s.equals("users_info") ? "list" : "dict", "if not excluded by filter", "the " + s + " subset", "{}");
        }
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        Set<String> wanted = wanted(ctx);
        MysqlLogin login = MysqlLogin.of(ctx);
        ServerVersion server = ServerVersion.of(login);
        List<String> excluded = ctx.list("excludeFields").stream().map(String::valueOf).toList();
        Map<String, String> queries = new LinkedHashMap<>();
        if (wanted.contains("version") || wanted.contains("settings")) {
            queries.put("settings", "SHOW GLOBAL VARIABLES");
        }
        if (wanted.contains("databases")) {
            queries.put("databases", "SELECT table_schema AS name, SUM(data_length + index_length) AS size, COUNT(table_name) AS tables"
                    + " FROM information_schema.TABLES GROUP BY table_schema");
            queries.put("empty", "SHOW DATABASES");
        }
        Map<String, String> optional = new LinkedHashMap<>();
        optional.put("global_status", "SHOW GLOBAL STATUS");
        optional.put("engines", "SHOW ENGINES");
        optional.put("users", "SELECT * FROM mysql.user");
        optional.put("master_status", server.resolve("SHOW MASTER STATUS"));
        optional.put("slave_status", server.resolve("SHOW SLAVE STATUS"));
        optional.put("slave_hosts", server.resolve("SHOW SLAVE HOSTS"));
        optional.forEach((k, q) -> {
            if (wanted.contains(k) || k.equals("users") && wanted.contains("users_info")) {
                queries.put(k, q);
            }
        });
        List<ResultSet> sets = login.read(String.join(";\n", queries.values()));
        Map<String, ResultSet> read = new LinkedHashMap<>();
        int i = 0;
        for (String k : queries.keySet()) {
            read.put(k, sets.get(i++));
        }
        for (String subset : SUBSETS) {
            if (wanted.contains(subset)) {
                ctx.set(subset, subset(subset, read, server, excluded, ctx.bool("returnEmptyDbs"), login));
            }
        }
    }

    private static Set<String> wanted(ModuleContext ctx) {
        Set<String> in = new LinkedHashSet<>();
        Set<String> out = new LinkedHashSet<>();
        for (Object f : ctx.list("filter")) {
            for (String name : String.valueOf(f).split(",")) {
                String bare = name.strip().replaceFirst("^!", "");
                if (!SUBSETS.contains(bare)) {
                    ctx.fail("filter: '" + name.strip() + "' is none of " + SUBSETS + " (!name leaves one out)");
                }
                (name.strip().startsWith("!") ? out : in).add(bare);
            }
        }
        Set<String> wanted = new LinkedHashSet<>(in.isEmpty() ? SUBSETS : in);
        wanted.removeAll(out);
        return wanted;
    }

    private static Object subset(String name, Map<String, ResultSet> read, ServerVersion server, List<String> excluded, boolean empty,
                                 MysqlLogin login) {
        return switch (name) {
            case "version" -> Map.of("major", server.major(), "minor", server.minor(), "release", server.release(),
                    "suffix", server.full().contains("-") ? server.full().split("-", 2)[1] : "", "full", server.full());
            case "settings", "global_status" -> byName(read.get(name), "Variable_name", "Value");
            case "databases" -> databases(read.get("databases"), read.get("empty"), excluded, empty);
            case "engines" -> nest(read.get("engines").rows(), List.of("Engine"), false);
            case "users" -> nest(read.get("users").rows(), List.of("Host", "User"), true);
            case "users_info" -> UsersInfo.of(login, read.get("users"));
            case "master_status" -> read.get(name).rows().isEmpty() ? Map.of() : converted(read.get(name).rows().get(0), List.of(), true);
            case "slave_status" -> nest(read.get(name).rows().stream().map(MysqlInfoModule::sourceKeys).toList(),
                    List.of("Master_Host", "Master_Port", "Master_User"), true);
            default -> nest(read.get(name).rows(), List.of("Server_id"), true);
        };
    }

    private static Map<String, String> sourceKeys(Map<String, String> row) {
        Map<String, String> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(k.startsWith("Source_") && Set.of("Source_Host", "Source_Port", "Source_User").contains(k)
                ? k.replace("Source_", "Master_") : k, v));
        return out;
    }

    private static Map<String, Object> byName(ResultSet set, String key, String value) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, String> row : set.rows()) {
            out.put(row.get(key), convert(row.get(value)));
        }
        return out;
    }

    private static Map<String, Object> databases(ResultSet withTables, ResultSet all, List<String> excluded, boolean empty) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, String>> rows = new ArrayList<>(withTables.rows());
        if (empty) {
            all.column("Database").stream().filter(d -> withTables.column("name").stream().noneMatch(d::equals))
                    .forEach(d -> rows.add(Map.of("name", d)));
        }
        for (Map<String, String> row : rows) {
            Map<String, Object> db = new LinkedHashMap<>();
            if (!excluded.contains("db_size")) {
                db.put("size", row.get("size") == null ? 0L : Long.parseLong(row.get("size")));
            }
            if (!excluded.contains("db_table_count")) {
                db.put("tables", row.get("tables") == null ? 0L : Long.parseLong(row.get("tables")));
            }
            out.put(row.get("name"), db);
        }
        return out;
    }

    /** Rows keyed by the values of some columns, one map level a column, as mysql_info nests users and replicas. */
    private static Map<String, Object> nest(List<Map<String, String>> rows, List<String> keys, boolean convert) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, String> row : rows) {
            Map<String, Object> level = out;
            for (String k : keys.subList(0, keys.size() - 1)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) level.computeIfAbsent(String.valueOf(row.get(k)), x -> new LinkedHashMap<>());
                level = next;
            }
            level.put(String.valueOf(row.get(keys.get(keys.size() - 1))), converted(row, keys, convert));
        }
        return out;
    }

    private static Map<String, Object> converted(Map<String, String> row, List<String> without, boolean convert) {
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (!without.contains(k)) {
                out.put(k, convert ? convert(v) : v);
            }
        });
        return out;
    }

    /** mysql_info's __convert: a whole number as a number, anything else as it is. */
    static Object convert(String v) {
        return v != null && v.matches("-?\\d{1,18}") ? (Object) Long.parseLong(v) : v;
    }
}
