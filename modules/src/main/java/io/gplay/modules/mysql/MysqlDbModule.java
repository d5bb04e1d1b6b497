package io.gplay.modules.mysql;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.ShellWords;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Databases of a MySQL or MariaDB server, as community.mysql's mysql_db (plugins/modules/mysql_db.py): created or
 * dropped by name, dumped to a file with mysqldump, imported from one with mysql.
 */
public final class MysqlDbModule implements Module {
    private static final String CHARSET = "[A-Za-z0-9_]+";

    private static final ModuleSpec SPEC = MysqlLogin.declare(new ModuleSpec("mysqlDb",
            "Creates, drops, dumps or imports MySQL or MariaDB databases through the host's mysql client and mysqldump."))
            .primary("name")
            .param(Param.required("name", ParamType.LIST, "the database, or a list of them; 'all' with dump or import: every database"))
            .param(Param.choice("state", "present", List.of("present", "absent", "dump", "import"),
                    "present: created when missing; absent: dropped; dump: written to target; import: target loaded into it"))
            .param(Param.optional("encoding", ParamType.STRING, null, "the character set of a database created (utf8mb4), and of the dump or import"))
            .param(Param.optional("collation", ParamType.STRING, null, "the collation of a database created (utf8mb4_unicode_ci)"))
            .param(Param.optional("target", ParamType.PATH, null, "the dump file on the host (dump, import); .gz, .bz2, .xz and .zst are compressed"))
            .param(Param.optional("singleTransaction", ParamType.BOOL, false, "dump: --single-transaction"))
            .param(Param.optional("quick", ParamType.BOOL, true, "dump: --quick"))
            .param(Param.optional("ignoreTables", ParamType.LIST, List.of(), "dump: tables left out, as db.table"))
            .param(Param.optional("hexBlob", ParamType.BOOL, false, "dump: --hex-blob"))
            .param(Param.optional("force", ParamType.BOOL, false, "dump and import: go on after an SQL error"))
            .param(Param.optional("masterData", ParamType.INT, 0, "dump: --master-data=1 or 2, the primary's binary log position in the dump"))
            .param(Param.optional("skipLockTables", ParamType.BOOL, false, "dump: --skip-lock-tables"))
            .param(Param.optional("dumpExtraArgs", ParamType.STRING, null, "dump: more mysqldump options, split into words as a shell would"))
            .param(Param.optional("sqlLogBin", ParamType.BOOL, true, "present, absent: false keeps the change out of the binary log"))
            .param(MysqlLogin.IMPLICIT_ADMIN)
            .requiredIf("state", "dump", "target")
            .requiredIf("state", "import", "target")
            .checkMode("reads which databases exist and predicts their creation or drop (later tasks of the check run see it); dump and import"
                    + " are reported as changes and not run, as in Ansible")
            .notes("A database that exists is left as it is, whatever its encoding and collation, as in Ansible. dump and import always"
                    + " report a change. A dump goes to a temporary file beside target first: a failed dump leaves target as it was.")
            .returns("db", "str", "success", "the databases' names, separated by blanks", "'foo bar'")
            .returns("db_list", "list", "success", "the databases' names", "['foo', 'bar']")
            .returns("executed_commands", "list", "if executed", "the statements and commands run", "['CREATE DATABASE `acme`']")
            .leavesOut("use_shell", "not needed: the import is always a pipe of the unpacker into mysql")
            .leavesOut("pipefail", "not needed: a dump is checked by mysqldump's own exit code, before it is compressed")
            .leavesOut("unsafe_login_password", "not needed: the password never goes on a command line")
            .leavesOut("restrict_config_file", "not built: the client reads ~/.my.cnf and the login given")
            .leavesOut("config_overrides_defaults", "not built")
            .leavesOut("chdir", "not built: target is an absolute path")
            .example("mysqlDb 'appdb', encoding: 'utf8mb4', collation: 'utf8mb4_unicode_ci'")
            .example("mysqlDb 'appdb', state: 'dump', target: '/var/backups/appdb.sql.gz', singleTransaction: true")
            .example("mysqlDb 'appdb', state: 'import', target: '/tmp/appdb.sql'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        List<String> names = ctx.list("name").stream().map(String::valueOf).toList();
        String state = ctx.str("state");
        boolean all = names.equals(List.of("all"));
        if (state.equals("import") && names.size() > 1) {
            ctx.fail("Multiple databases are not supported with state=import");
        }
        if (all && (state.equals("present") || state.equals("absent"))) {
            ctx.fail("name is not allowed to equal 'all' unless state equals import, or dump.");
        }
        for (String p : List.of("encoding", "collation")) {
            if (ctx.has(p) && !ctx.str(p).matches(CHARSET)) {
                ctx.fail(p + " '" + ctx.str(p) + "' is no character set or collation name (letters, digits and _: utf8mb4, utf8mb4_unicode_ci)");
            }
        }
        ctx.set("db", String.join(" ", names));
        ctx.set("db_list", names);
        MysqlLogin login = MysqlLogin.of(ctx);
        Set<String> existing = all ? Set.of() : existing(ctx, login, names);
        List<String> missing = names.stream().filter(n -> !all && !existing.contains(n)).toList();
        List<String> executed = new ArrayList<>();
        String logBin = ctx.bool("sqlLogBin") ? "" : "SET SQL_LOG_BIN = 0;\n";
        switch (state) {
            case "absent" -> {
                if (existing.isEmpty()) {
                    ctx.msg("no database of " + names + " exists");
                }
                for (String n : names.stream().filter(existing::contains).toList()) {
                    String drop = "DROP DATABASE " + Sql.ident(n);
                    ctx.converge("drop database " + Sql.ident(n), () -> {
                        login.change(logBin + drop);
                        executed.add(drop);
                    });
                    ctx.predictState(key(n), "absent");
                }
            }
            case "present", "import" -> {
                if (missing.isEmpty() && state.equals("present")) {
                    ctx.msg("every database of " + names + " exists (an existing one keeps its encoding and collation)");
                }
                for (String n : missing) {
                    String create = "CREATE DATABASE " + Sql.ident(n) + (ctx.has("encoding") ? " CHARACTER SET " + ctx.str("encoding") : "")
                            + (ctx.has("collation") ? " COLLATE " + ctx.str("collation") : "");
                    ctx.converge("create database " + Sql.ident(n), () -> {
                        login.change((state.equals("present") ? logBin : "") + create);
                        executed.add(create);
                    });
                    ctx.predictState(key(n), "present");
                }
                if (state.equals("import")) {
                    String target = ctx.str("target");
                    ctx.converge("import " + target + " into " + (all ? "the server" : Sql.ident(names.get(0))),
                            () -> executed.add(DumpFiles.restore(login, target, names.get(0), all, options(ctx))));
                }
            }
            default -> {
                if (!missing.isEmpty()) {
                    ctx.fail("Cannot dump database(s) '" + String.join(", ", missing) + "' - not found");
                }
                String target = ctx.str("target");
                List<String> args = DumpFiles.dumpArgs(names, all, options(ctx));
                ctx.converge("dump " + (all ? "every database" : names.stream().map(Sql::ident).collect(Collectors.joining(", "))) + " to " + target,
                        () -> executed.add(DumpFiles.dump(login, target, args)));
            }
        }
        if (!ctx.checkMode()) {
            ctx.set("executed_commands", executed);
        }
    }

    /** The databases of the list that exist, or that an earlier task of a check run predicted. */
    private static Set<String> existing(ModuleContext ctx, MysqlLogin login, List<String> names) {
        Set<String> found = new LinkedHashSet<>(login.read("SELECT SCHEMA_NAME AS s FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN ("
                + names.stream().map(Sql::literal).collect(Collectors.joining(", ")) + ")").get(0).column("s"));
        for (String n : names) {
            String p = ctx.predictedState(key(n));
            if ("present".equals(p)) {
                found.add(n);
            } else if ("absent".equals(p)) {
                found.remove(n);
            }
        }
        return found;
    }

    private static String key(String name) {
        return "mysqlDb:" + name;
    }

    private static DumpFiles.Options options(ModuleContext ctx) {
        return new DumpFiles.Options(ctx.bool("force"), ctx.bool("skipLockTables"), ctx.has("encoding") ? ctx.str("encoding") : null,
                ctx.bool("singleTransaction"), ctx.bool("quick"), ctx.list("ignoreTables").stream().map(String::valueOf).toList(),
                ctx.bool("hexBlob"), ctx.integer("masterData"), ctx.has("dumpExtraArgs")
                        ? ShellWords.split(ctx.str("dumpExtraArgs")) : List.of());
    }
}
