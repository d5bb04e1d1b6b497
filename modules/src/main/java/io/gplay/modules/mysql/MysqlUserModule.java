package io.gplay.modules.mysql;

import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A MySQL or MariaDB account, its password and its privileges, decided as community.mysql's mysql_user
 * (plugins/modules/mysql_user.py, module_utils/user.py: user_add, user_mod, user_delete). The password is compared
 * as the server stores it (mysql_native_password's *SHA1(SHA1(password)), computed here), and set as that hash:
 * the clear password never leaves the control machine.
 */
public final class MysqlUserModule implements Module {
    private static final ModuleSpec SPEC = MysqlLogin.declare(new ModuleSpec("mysqlUser",
            "Adds, changes or removes a MySQL or MariaDB account: its password and its privileges."))
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the account's user name"))
            .param(Param.optional("host", ParamType.STRING, "localhost", "the account's host part ('%' for any)"))
            .param(Param.optional("hostAll", ParamType.BOOL, false, "every account of that name, whatever its host (not to add one)"))
            .param(Param.optional("password", ParamType.STRING, null, "the password (set as mysql_native_password); never shown, never on a command line"))
            .param(Param.optional("encrypted", ParamType.BOOL, false, "password is already the hash (*SHA1(SHA1(password)), 41 characters)"))
            .param(Param.choice("updatePassword", "always", List.of("always", "on_create"), "on_create: set the password only on an account being added"))
            .param(Param.optional("priv", ParamType.ANY, null, "the privileges: 'db.*:SELECT,INSERT/db2.table:ALL' or a map {'db.*': 'SELECT,INSERT'}; GRANT is WITH GRANT OPTION"))
            .param(Param.optional("appendPrivs", ParamType.BOOL, false, "add priv to what the account has rather than replace it"))
            .param(Param.optional("subtractPrivs", ParamType.BOOL, false, "revoke the privileges priv names, and only those"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the account should exist"))
            .param(MysqlLogin.IMPLICIT_ADMIN)
            .param(Param.optional("sqlLogBin", ParamType.BOOL, true, "false: the changes go to no binary log (SET SQL_LOG_BIN=0), so replicas do not replay them"))
            .exclusive("appendPrivs", "subtractPrivs")
            .checkMode("reads the account and predicts each change (its statements, a diff of its privileges); later tasks of the check run see the account it predicts")
            .notes("Passwords are mysql_native_password, as community.mysql sets them (MySQL 5.7+, MariaDB 10.2+). With priv, objects the"
                    + " task does not name lose their privileges, unless appendPrivs (root's and PROXY grants are kept, as in Ansible).")
            .returns("user", "str", "success", "the account's user name", "'bob'")
            .returns("password_changed", "bool", "success", "whether the password was set or changed", "true")
            .leavesOut("plugin", "not built: authentication plugins (plugin, plugin_hash_string, plugin_auth_string, salt); passwords are mysql_native_password")
            .leavesOut("plugin_hash_string", "not built: see plugin")
            .leavesOut("plugin_auth_string", "not built: see plugin")
            .leavesOut("salt", "not built: see plugin")
            .leavesOut("tls_requires", "not built: run ALTER USER ... REQUIRE with mysqlQuery")
            .leavesOut("resource_limits", "not built: run ALTER USER ... WITH MAX_... with mysqlQuery")
            .leavesOut("attributes", "not built (MySQL 8 user attributes)")
            .leavesOut("password_expire", "not built (password_expire, password_expire_interval): ALTER USER ... PASSWORD EXPIRE with mysqlQuery")
            .leavesOut("password_expire_interval", "not built: see password_expire")
            .leavesOut("locked", "not built: ALTER USER ... ACCOUNT LOCK with mysqlQuery")
            .leavesOut("session_vars", "not built")
            .leavesOut("force_context", "not built: the session has no default database")
            .leavesOut("column_case_sensitive", "not built: column names in priv are kept as written (Ansible's default)")
            .leavesOut("update_password", "on_new_username is not built (always and on_create are)")
            .example("mysqlUser 'app', host: '%', password: { \"${vars.vault_app_db_password}\" }, priv: 'appdb.*:ALL/*.*:PROCESS'")
            .example("mysqlUser 'reporting', priv: ['appdb.*': 'SELECT'], loginUnixSocket: '/run/mysqld/mysqld.sock'")
            .example("mysqlUser 'old', hostAll: true, state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String user = ctx.str("name");
        String host = ctx.str("host").toLowerCase(Locale.ROOT);
        boolean present = ctx.str("state").equals("present");
        String hash = present && ctx.has("password") ? hash(ctx) : null;
        MysqlLogin login = MysqlLogin.of(ctx);
        Accounts accounts = Accounts.read(ctx, login, user);
        List<String> hosts = ctx.bool("hostAll") ? accounts.hosts() : List.of(host);
        Map<String, Account> found = new LinkedHashMap<>();
        for (String h : hosts) {
            found.put(h, accounts.account(h));
        }
        ctx.set("user", user);
        ctx.set("password_changed", false);
        if (!present) {
            boolean any = false;
            for (Map.Entry<String, Account> a : found.entrySet()) {
                if (a.getValue() != null) {
                    any = true;
                    String account = Sql.account(user, a.getKey());
                    ctx.converge("drop user " + account, new Diff("mysql user " + account, a.getValue().text(), ""),
                            () -> login.change(logBin(ctx) + "DROP USER " + account));
                    accounts.predictAbsent(a.getKey());
                }
            }
            ctx.msg(any ? "User deleted" : "User doesn't exist");
            return;
        }
        Map<String, Set<String>> wanted = ctx.has("priv")
                ? Privileges.unpack(ctx.get("priv"), accounts.ansi(), !ctx.bool("subtractPrivs")) : null;
        String mode = ctx.bool("appendPrivs") ? "append" : ctx.bool("subtractPrivs") ? "subtract" : "replace";
        if (found.isEmpty() && ctx.bool("hostAll")) {
            ctx.fail("hostAll cannot be used when adding a user: there is no account named " + user);
        }
        boolean passwordSet = false;
        boolean changed = false;
        for (Map.Entry<String, Account> a : found.entrySet()) {
            String account = Sql.account(user, a.getKey());
            Account now = a.getValue();
            List<String> sql = new ArrayList<>();
            String what;
            boolean passwordChanged = false;
            if (now == null) {
                passwordChanged = hash != null;
                sql.add("CREATE USER " + account + (hash == null ? "" : " IDENTIFIED WITH mysql_native_password AS " + Sql.literal(hash)));
                what = "create user " + account + (hash == null ? "" : " with a password");
                now = new Account(null, Map.of());
            } else {
                what = null;
                if (hash != null && ctx.str("updatePassword").equals("always") && !hash.equals(now.hash())) {
                    sql.add("ALTER USER " + account + " IDENTIFIED WITH mysql_native_password AS " + Sql.literal(hash));
                    passwordChanged = true;
                    what = "set the password of " + account;
                }
            }
            Map<String, Set<String>> privs = now.privileges();
            if (wanted != null && !(a.getValue() == null && mode.equals("subtract"))) {
                List<String> grants = Privileges.changes(account, user.equals("root"), now.privileges(), wanted, mode);
                sql.addAll(grants);
                privs = Privileges.after(now.privileges(), wanted, mode, user.equals("root"));
                if (!grants.isEmpty()) {
                    what = (what == null ? "" : what + "; ") + String.join("; ", grants);
                }
            }
            if (sql.isEmpty()) {
                continue;
            }
            Account after = new Account(passwordChanged ? hash : now.hash(), privs);
            ctx.converge(what, new Diff("mysql user " + account, a.getValue() == null ? "" : now.text(), after.text(passwordChanged)),
                    () -> login.change(logBin(ctx) + String.join(";\n", sql)));
            accounts.predict(a.getKey(), after);
            passwordSet |= passwordChanged;
            changed = true;
        }
        ctx.set("password_changed", passwordSet);
        if (!changed) {
            ctx.msg("User unchanged: " + (hash == null ? "" : ctx.str("updatePassword").equals("always") ? "its password is the one given, " : "")
                    + (wanted == null ? "no privileges asked" : "its privileges are as asked"));
        }
    }

    private static String logBin(ModuleContext ctx) {
        return ctx.bool("sqlLogBin") ? "" : "SET SQL_LOG_BIN = 0;\n";
    }

    /** mysql_native_password's hash of the task's password, or the password itself when encrypted (checked to be one). */
    private static String hash(ModuleContext ctx) throws Exception {
        String password = ctx.str("password");
        if (ctx.bool("encrypted")) {
            if (!password.matches("\\*[0-9A-Fa-f]{40}")) {
                ctx.fail("encrypted was specified however it does not appear to be a valid hash expecting: *SHA1(SHA1(your_password))");
            }
            return password.toUpperCase(Locale.ROOT);
        }
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        return "*" + HexFormat.of().withUpperCase().formatHex(sha1.digest(once));
    }
}
