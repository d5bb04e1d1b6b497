package io.gplay.modules.mysql;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs SQL queries, as community.mysql's mysql_query (plugins/modules/mysql_query.py): all in one client session,
 * each query followed by a marker row (its ROW_COUNT(), the time) and its warnings, which give rowcount and
 * changed as the Python module decides them from its cursor.
 */
public final class MysqlQueryModule implements Module {
    private static final List<String> DML = List.of("INSERT", "UPDATE", "DELETE", "REPLACE");
    private static final List<String> DDL = List.of("CREATE", "DROP", "ALTER", "RENAME", "TRUNCATE");
    /** The warning of a DDL query that found its object there (IF NOT EXISTS): MySQL's and MariaDB's wordings. */
    private static final Pattern EXISTS = Pattern.compile("already exists|database exists");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final ModuleSpec SPEC = MysqlLogin.declare(new ModuleSpec("mysqlQuery",
            "Runs SQL queries on a MySQL or MariaDB server through the host's mysql client."))
            .primary("query")
            .param(Param.required("query", ParamType.LIST, "the query, or a list of queries run in order in one session"))
            .param(Param.optional("positionalArgs", ParamType.LIST, null, "values for the %s of the queries, in order, each put in as an SQL literal (never as SQL); a literal % is then written %%"))
            .param(Param.optional("namedArgs", ParamType.MAP, null, "values for the %(name)s of the queries, each put in as an SQL literal"))
            .param(Param.optional("loginDb", ParamType.STRING, null, "the database the queries run in"))
            .param(Param.optional("singleTransaction", ParamType.BOOL, false, "run the queries in one transaction, committed after the last (none is kept when one fails)"))
            .param(Param.optional("sessionVars", ParamType.MAP, null, "session variables set first (SET SESSION name = value)"))
            .exclusive("positionalArgs", "namedArgs")
            .checkMode("runs nothing and is skipped, as Ansible's mysql_query (which does not support check mode): a query's effect is not predicted")
            .notes("Changed as in community.mysql: a query starting with INSERT, UPDATE, DELETE or REPLACE that affected rows, or one"
                    + " starting with CREATE, DROP, ALTER, RENAME or TRUNCATE, unless the server warned that its object already exists"
                    + " (CREATE ... IF NOT EXISTS). Values in query_result are text as the client prints them (NULL is null), where"
                    + " PyMySQL gives numbers for numeric columns. The client also reads the login's ~/.my.cnf.")
            .returns("executed_queries", "list", "success", "the queries run, their arguments in place", "['SELECT * FROM bar WHERE id = 1']")
            .returns("query_result", "list", "changed", "for each query, its rows as maps of column to value", "[[{'Column': 'Value1'}], [{'ID': '1'}]]")
            .returns("rowcount", "list", "changed", "for each query, the rows it returned or affected", "[5, 1]")
            .returns("execution_time_ms", "list", "success", "for each query, its time in milliseconds", "[7104, 85]")
            .example("mysqlQuery 'SELECT * FROM orders WHERE id = %s AND story = %s', loginDb: 'acme', positionalArgs: [1, 'test']")
            .example("mysqlQuery query: ['INSERT INTO articles (id, story) VALUES (2, \\'long story\\')', 'UPDATE prices SET price = 1 WHERE id = 2'],\n"
                    + "        loginDb: 'acme', singleTransaction: true, loginUnixSocket: '/run/mysqld/mysqld.sock'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void run(ModuleContext ctx) throws Exception {
        List<String> queries = new ArrayList<>();
        for (Object q : ctx.list("query")) {
            if (!(q instanceof CharSequence)) {
                ctx.fail("the elements in query list must be strings, passed '" + q + "'");
            }
            queries.add(Sql.format(q.toString(), ctx.has("positionalArgs") ? ctx.list("positionalArgs") : null,
                    ctx.has("namedArgs") ? (Map<String, Object>) (Map<String, ?>) ctx.map("namedArgs") : null));
        }
        ctx.set("executed_queries", queries);
        if (ctx.checkMode()) {
            ctx.skip("check mode: mysqlQuery runs no query (as Ansible's mysql_query, it does not support check mode)");
            return;
        }
        String marker = "gplay_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        ExecResult r = MysqlLogin.of(ctx).attempt(script(ctx, queries, marker), true);
        List<ResultSet> sets = MysqlXml.parse(r.stdout());
        List<Object> results = new ArrayList<>();
        List<Integer> rowcount = new ArrayList<>();
        List<Object> times = new ArrayList<>();
        List<ResultSet> own = new ArrayList<>();
        BigDecimal last = null;
        int done = 0;
        for (int i = 0; i < sets.size(); i++) {
            ResultSet s = sets.get(i);
            String first = s.columns().isEmpty() ? "" : s.columns().get(0);
            if (first.equals(marker + "_start")) {
                last = new BigDecimal(s.single());
            } else if (first.equals(marker)) {
                String q = queries.get(done++);
                ResultSet warnings = i + 1 < sets.size() ? sets.get(++i) : new ResultSet("", List.of(), List.of());
                int affected = Integer.parseInt(s.single());
                int count = own.isEmpty() || affected >= 0 ? Math.max(affected, 0) : own.get(0).rows().size();
                results.add(own.isEmpty() ? List.of() : own.get(0).rows());
                rowcount.add(count);
                BigDecimal now = new BigDecimal(s.rows().get(0).get("t"));
                times.add(now.subtract(last).multiply(BigDecimal.valueOf(1000)).setScale(4, java.math.RoundingMode.HALF_UP).doubleValue());
                last = now;
                own.clear();
                String why = changes(q, count, warnings);
                if (why != null) {
                    ctx.converge("ran: " + q + " (" + why + ")", () -> { });
                }
            } else {
                own.add(s);
            }
        }
        if (!r.ok()) {
            String q = done < queries.size() ? queries.get(done) : queries.get(queries.size() - 1);
            ctx.fail("Cannot execute SQL '" + q + "' args [" + args(ctx) + "]: " + MysqlLogin.failure(r)
                    + (ctx.bool("singleTransaction") ? " (single transaction: no query was kept)" : ""));
        }
        ctx.set("query_result", results);
        ctx.set("rowcount", rowcount);
        ctx.set("execution_time_ms", times);
    }

    private static String script(ModuleContext ctx, List<String> queries, String marker) {
        StringBuilder sql = new StringBuilder();
        if (ctx.has("loginDb")) {
            sql.append("USE ").append(Sql.ident(ctx.str("loginDb"))).append(";\n");
        }
        if (ctx.has("sessionVars")) {
            for (Map.Entry<String, Object> v : ctx.map("sessionVars").entrySet()) {
                if (!VARIABLE.matcher(v.getKey()).matches()) {
                    ctx.fail("sessionVars: '" + v.getKey() + "' is no variable name (letters, digits and _)");
                }
                sql.append("SET SESSION ").append(v.getKey()).append(" = ").append(Sql.literal(v.getValue())).append(";\n");
            }
        }
        if (ctx.bool("singleTransaction")) {
            sql.append("SET autocommit = 0;\n");
        }
        sql.append("SELECT UNIX_TIMESTAMP(SYSDATE(6)) AS `").append(marker).append("_start`;\n");
        for (String q : queries) {
            sql.append(q.strip().replaceAll("[;\\s]+$", "")).append("\n;\nSELECT ROW_COUNT() AS `").append(marker)
                    .append("`, UNIX_TIMESTAMP(SYSDATE(6)) AS t;\nSHOW WARNINGS;\n");
        }
        if (ctx.bool("singleTransaction")) {
            sql.append("COMMIT;\n");
        }
        return sql.toString();
    }

    /** Why the query counts as a change, as community.mysql decides it from its first words; null when it does not. */
    private static String changes(String query, int rowcount, ResultSet warnings) {
        String head = query.stripLeading();
        head = head.substring(0, Math.min(8, head.length())).toUpperCase(Locale.ROOT);
        for (String k : DML) {
            if (head.contains(k) && rowcount > 0) {
                return rowcount + " row(s) affected";
            }
        }
        for (String k : DDL) {
            if (head.contains(k)) {
                boolean exists = warnings.column("Message").stream().anyMatch(m -> m != null && EXISTS.matcher(m).find());
                return exists ? null : "a definition changes";
            }
        }
        return null;
    }

    private static String args(ModuleContext ctx) {
        return ctx.has("positionalArgs") ? String.valueOf(ctx.list("positionalArgs"))
                : ctx.has("namedArgs") ? String.valueOf(ctx.map("namedArgs")) : "";
    }
}
