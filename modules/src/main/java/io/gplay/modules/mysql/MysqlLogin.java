package io.gplay.modules.mysql;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How the mysql* modules reach the server: the host's own {@code mysql} client (or {@code mysqldump}), its SQL on
 * standard input, as community.mysql's login parameters say. The login (password included) goes to the client as
 * an option file read from a pipe ({@code --defaults-extra-file=/dev/fd/3}) that a fixed script fills from the
 * first lines of standard input: the password is on no command line (ps shows those to every user), in no
 * environment ({@code MYSQL_PWD} is readable in /proc by the same user and deprecated) and in no file left
 * behind when the connection drops, as a temporary file could be.
 */
public final class MysqlLogin {
    /** Reads the option lines up to an empty line into $opts: what every script here starts with. */
    private static final String READ_OPTIONS = "opts=; while IFS= read -r l && [ -n \"$l\" ]; do opts=\"$opts$l\n\"; done; ";
    /** Then runs the program ($0) with them on fd 3 and the rest of stdin as its own. */
    private static final String SCRIPT = READ_OPTIONS
            + "{ printf '%s' \"$opts\" | \"$0\" --defaults-extra-file=/dev/fd/3 \"$@\" 3<&0 0<&4 4<&-; } 4<&0";

    static final List<Param> PARAMS = List.of(
            Param.optional("loginUser", ParamType.STRING, null, "the user to log in as (default: the client's: ~/.my.cnf, or the login's name)"),
            Param.optional("loginPassword", ParamType.STRING, null, "its password; reaches the client through a pipe, never on a command line"),
            Param.optional("loginHost", ParamType.STRING, null, "the server's host (default: the client's, localhost through its socket)"),
            Param.optional("loginPort", ParamType.INT, null, "the server's TCP port (default: the client's, 3306)"),
            Param.optional("loginUnixSocket", ParamType.PATH, null, "the server's socket, for a server on this host"),
            Param.optional("connectTimeout", ParamType.INT, 30, "seconds to wait for the connection"));

    static final Param IMPLICIT_ADMIN = Param.optional("checkImplicitAdmin", ParamType.BOOL, false,
            "first try root with no password (a socket-authenticated root, as Debian's), then the login given");

    private final String user;
    private final String password;
    private final ModuleContext ctx;

    private MysqlLogin(ModuleContext ctx, String user, String password) {
        this.ctx = ctx;
        this.user = user;
        this.password = password;
    }

    /** Declares the login parameters on a module's spec, and the ones community.mysql has that gplay has not. */
    static ModuleSpec declare(ModuleSpec spec) {
        return spec.params(PARAMS)
                .leavesOut("config_file", "not built: the client reads the login's ~/.my.cnf itself; other files are not read")
                .leavesOut("client_cert", "not built: TLS client options (client_cert, client_key, ca_cert, check_hostname)")
                .leavesOut("client_key", "not built: see client_cert")
                .leavesOut("ca_cert", "not built: see client_cert")
                .leavesOut("check_hostname", "not built: see client_cert");
    }

    /** The login the task gives; with checkImplicitAdmin, root with no password when that gets in. */
    static MysqlLogin of(ModuleContext ctx) {
        if (ctx.has("checkImplicitAdmin") && ctx.bool("checkImplicitAdmin")) {
            MysqlLogin root = new MysqlLogin(ctx, "root", "");
            if (root.exec(Cmd.of("sh", "-c", SCRIPT, "mysql", "--batch"), "SELECT 1", false).ok()) {
                return root;
            }
        }
        return new MysqlLogin(ctx, ctx.has("loginUser") ? ctx.str("loginUser") : null,
                ctx.has("loginPassword") ? ctx.str("loginPassword") : null);
    }

    /** Runs statements that change nothing; their result sets. */
    List<ResultSet> read(String sql) {
        return MysqlXml.parse(orFail(exec(client(), sql, false)).stdout());
    }

    /** Runs statements that change the server (a real run only: callers are inside a converge); their result sets. */
    List<ResultSet> change(String sql) {
        return MysqlXml.parse(orFail(exec(client(), sql, true)).stdout());
    }

    /** Runs the statements and returns what the client said, whatever its exit code. */
    ExecResult attempt(String sql, boolean changes) {
        return exec(client(), sql, changes);
    }

    /**
     * A script of the caller's after the options are read: it runs the client program as
     * {@code printf '%s' "$opts" | PROGRAM --defaults-extra-file=/dev/fd/3 ... 3<&0}, its words being the script's arguments.
     */
    ExecResult script(String body, List<String> words, boolean changes) {
        return exec(Cmd.of("sh", "-c", READ_OPTIONS + body).args(words), "", changes);
    }

    private Cmd client() {
        return Cmd.of("sh", "-c", SCRIPT, "mysql", "--xml", "--batch", "--no-auto-rehash", "--default-character-set=utf8mb4");
    }

    private ExecResult exec(Cmd cmd, String stdin, boolean changes) {
        byte[] in = (options() + "\n" + stdin + "\n").getBytes(StandardCharsets.UTF_8);
        ExecResult r = changes ? ctx.attempt(cmd, in) : ctx.probe(cmd, in);
        if (r.rc() == 127) {
            throw new ModuleFailure("the mysql client is not installed on " + ctx.host().name()
                    + " (Debian: apt-get install mariadb-client, or default-mysql-client)");
        }
        return r;
    }

    static ExecResult orFail(ExecResult r) {
        if (!r.ok()) {
            throw new ModuleFailure(failure(r));
        }
        return r;
    }

    /** What the client said of its failure; a failure to log in says where the login comes from. */
    static String failure(ExecResult r) {
        String err = r.stderr().strip();
        if (err.matches("(?s).*ERROR (1045|1698|2002|2003|2005|2013)\\b.*")) {
            return "unable to connect to database, check loginUser and loginPassword are correct or ~/.my.cnf has the credentials: " + err;
        }
        return err.isEmpty() ? r.reason() : err;
    }

    /** The option file: one line a value, each quoted with the client's escapes, so no value makes a line of its own. */
    private String options() {
        List<String> lines = new ArrayList<>(List.of("[client]"));
        add(lines, "user", user);
        add(lines, "password", password);
        add(lines, "host", ctx.has("loginHost") ? ctx.str("loginHost") : null);
        add(lines, "port", ctx.has("loginPort") ? String.valueOf(ctx.integer("loginPort")) : null);
        add(lines, "socket", ctx.has("loginUnixSocket") ? ctx.str("loginUnixSocket") : null);
        lines.add("[mysql]"); // mysqldump has no connect-timeout, and refuses an option of [client] it does not know
        add(lines, "connect-timeout", String.valueOf(ctx.integer("connectTimeout")));
        // the client's own commands (\! and system run a shell, source reads a file) refused in the SQL it is fed, a dump
        // imported included; loose-: a client older than the option (MariaDB 10.5.25, 10.6.18, 10.11.8) only warns
        lines.add("loose-sandbox");
        return String.join("\n", lines) + "\n";
    }

    private static void add(List<String> lines, String key, String value) {
        if (value != null) {
            lines.add(key + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("\r", "\\r").replace("\t", "\\t") + "\"");
        }
    }
}
