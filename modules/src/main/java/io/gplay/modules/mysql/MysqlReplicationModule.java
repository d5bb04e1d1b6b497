package io.gplay.modules.mysql;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replication of a MySQL or MariaDB server, as community.mysql's mysql_replication
 * (plugins/modules/mysql_replication.py): reads the primary's or the replica's status, points a replica at its
 * primary, starts, stops and resets. Values go into CHANGE MASTER as SQL literals (the Python module pastes them
 * between quotes); the primary's password is masked in what the task returns.
 */
public final class MysqlReplicationModule implements Module {
    private static final List<String> MODES = List.of("getprimary", "getreplica", "changeprimary", "stopreplica", "startreplica",
            "resetprimary", "resetreplica", "resetreplicaall", "changereplication");
    /** CHANGE MASTER's options: the task's parameter, the option, whether its value is a number (else text). */
    private static final List<String[]> OPTIONS = List.of(
            new String[] {"primaryHost", "MASTER_HOST", "s"}, new String[] {"primaryUser", "MASTER_USER", "s"},
            new String[] {"primaryPassword", "MASTER_PASSWORD", "s"}, new String[] {"primaryPort", "MASTER_PORT", "n"},
            new String[] {"primaryConnectRetry", "MASTER_CONNECT_RETRY", "n"}, new String[] {"primaryLogFile", "MASTER_LOG_FILE", "s"},
            new String[] {"primaryLogPos", "MASTER_LOG_POS", "n"}, new String[] {"primaryDelay", "MASTER_DELAY", "n"},
            new String[] {"relayLogFile", "RELAY_LOG_FILE", "s"}, new String[] {"relayLogPos", "RELAY_LOG_POS", "n"},
            new String[] {"primarySsl", "MASTER_SSL", "b"}, new String[] {"primarySslCa", "MASTER_SSL_CA", "s"},
            new String[] {"primarySslCapath", "MASTER_SSL_CAPATH", "s"}, new String[] {"primarySslCert", "MASTER_SSL_CERT", "s"},
            new String[] {"primarySslKey", "MASTER_SSL_KEY", "s"}, new String[] {"primarySslCipher", "MASTER_SSL_CIPHER", "s"},
            new String[] {"primarySslVerifyServerCert", "MASTER_SSL_VERIFY_SERVER_CERT", "b"});

    private static final ModuleSpec SPEC = MysqlLogin.declare(new ModuleSpec("mysqlReplication",
            "Reads and changes the replication of a MySQL or MariaDB server: status, CHANGE MASTER, start, stop, reset."))
            .primary("mode")
            .param(Param.choice("mode", "getreplica", MODES, "what to do; changereplication is MySQL 8.0.23+'s CHANGE REPLICATION SOURCE"))
            .params(params())
            .param(Param.optional("primaryAutoPosition", ParamType.BOOL, false, "MASTER_AUTO_POSITION=1 (MySQL GTID)"))
            .param(Param.choice("primaryUseGtid", null, List.of("current_pos", "replica_pos", "disabled"), "MariaDB's MASTER_USE_GTID"))
            .param(Param.optional("connectionName", ParamType.STRING, null, "MariaDB's named connection (multi-source)"))
            .param(Param.optional("channel", ParamType.STRING, null, "MySQL's replication channel"))
            .param(Param.optional("failOnError", ParamType.BOOL, false, "fail when start, stop or reset fails (else: ok, not changed)"))
            .exclusive("connectionName", "channel")
            .checkMode("getprimary and getreplica read as in a real run; the other modes run nothing and are skipped, as Ansible's"
                    + " mysql_replication, which does not support check mode")
            .notes("changeprimary always reports a change, as in Ansible. startreplica, stopreplica and the resets are not a change when"
                    + " the server only notes that there was nothing to do (Replica already started). getprimary and getreplica return"
                    + " the status's columns as keys (those of MariaDB 10.11 are documented here).")
            .returns("queries", "list", "success", "the statements run that change the server (the primary's password masked)",
                    "[\"CHANGE MASTER TO MASTER_HOST='primary2.example.com',MASTER_PORT=3306\"]")
            .returns("Is_Primary", "bool", "mode getprimary", "whether the server writes a binary log", "true")
            .returns("Is_Replica", "bool", "mode getreplica", "whether the server is a replica", "true")
            .returns("warning", "str", "when CHANGE MASTER warned", "the server's warning", "")
            .example("mysqlReplication 'changeprimary', primaryHost: 'db1', primaryUser: 'repl', primaryPassword: { \"${vars.repl_password}\" },"
                    + " primaryLogFile: 'mysql-bin.000001', primaryLogPos: 4")
            .example("mysqlReplication 'startreplica'");

    static {
        for (String c : List.of("File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB")) {
            SPEC.returns(c, "raw", "mode getprimary, on a primary", "SHOW MASTER STATUS's " + c, "");
        }
        for (String c : ReplicaColumns.MARIADB) {
            SPEC.returns(c, "raw", "mode getreplica, on a replica", "SHOW REPLICA STATUS's " + c, "");
        }
    }

    private static List<Param> params() {
        List<Param> out = new ArrayList<>();
        for (String[] o : OPTIONS) {
            ParamType type = o[2].equals("n") ? ParamType.INT : o[2].equals("b") ? ParamType.BOOL : ParamType.STRING;
            out.add(Param.optional(o[0], type, null, o[1] + (o[0].equals("primaryPassword") ? " (masked in what the task returns)" : "")));
        }
        return out;
    }

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String mode = ctx.str("mode");
        MysqlLogin login = MysqlLogin.of(ctx);
        ServerVersion server = ServerVersion.of(login);
        ctx.set("queries", List.of());
        if (mode.equals("getprimary")) {
            ResultSet s = login.read(server.resolve("SHOW MASTER STATUS")).get(0);
            status(ctx, s, s.columns().contains("File") && s.columns().contains("Position"), "Is_Primary",
                    "Server is not configured as mysql primary. Meaning: Binary logs are disabled");
            return;
        }
        String term = server.replicaTerm();
        String named = ctx.has("connectionName") ? " " + Sql.literal(ctx.str("connectionName")) : "";
        String channel = ctx.has("channel") ? " FOR CHANNEL " + Sql.literal(ctx.str("channel")) : "";
        if (mode.equals("getreplica")) {
            ResultSet s = login.read("SHOW " + term + named + " STATUS" + channel).get(0);
            status(ctx, s, s.columns().contains("Slave_IO_Running") || s.columns().contains("Replica_IO_Running"), "Is_Replica",
                    "Server is not configured as mysql replica");
            return;
        }
        if (ctx.checkMode()) {
            ctx.skip("check mode: mysqlReplication " + mode + " runs nothing (as Ansible's mysql_replication, it does not support check mode)");
            return;
        }
        switch (mode) {
            case "changeprimary", "changereplication" -> change(ctx, login, server, mode, named, channel);
            case "startreplica" -> simple(ctx, login, "START " + term + named + channel, true, "Replica started", "Replica already started (Or cannot be started)");
            case "stopreplica" -> simple(ctx, login, "STOP " + term + named + channel, true, "Replica stopped", "Replica already stopped");
            case "resetprimary" -> simple(ctx, login, server.resolve("RESET MASTER"), false, "Primary reset", "Primary already reset");
            case "resetreplica" -> simple(ctx, login, "RESET " + term + named + channel, false, "Replica reset", "Replica already reset");
            default -> simple(ctx, login, "RESET " + term + named + " ALL" + channel, false, "Replica reset", "Replica already reset");
        }
    }

    private static void status(ModuleContext ctx, ResultSet s, boolean is, String key, String not) {
        if (is && !s.rows().isEmpty()) {
            s.rows().get(0).forEach((k, v) -> ctx.set(k, MysqlInfoModule.convert(v)));
            ctx.set(key, true);
        } else {
            ctx.set(key, false);
            ctx.msg(not);
        }
    }

    private static void change(ModuleContext ctx, MysqlLogin login, ServerVersion server, String mode, String named, String channel) throws Exception {
        boolean source = mode.equals("changereplication");
        List<String> options = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (String[] o : OPTIONS) {
            if (ctx.has(o[0])) {
                String name = source && !o[1].startsWith("RELAY") ? o[1].replace("MASTER_", "SOURCE_") : server.option(o[1]);
                String value = o[2].equals("n") ? String.valueOf(ctx.integer(o[0])) : o[2].equals("b") ? (ctx.bool(o[0]) ? "1" : "0")
                        : Sql.literal(ctx.str(o[0]));
                options.add(name + "=" + value);
                shown.add(name + "=" + (o[0].equals("primaryPassword") ? "'********'" : value));
            }
        }
        if (ctx.bool("primaryAutoPosition")) {
            options.add(source ? "SOURCE_AUTO_POSITION=1" : server.option("MASTER_AUTO_POSITION") + "=1");
            shown.add(options.get(options.size() - 1));
        }
        if (!source && ctx.has("primaryUseGtid")) {
            String gtid = switch (ctx.str("primaryUseGtid")) {
                case "disabled" -> "no";
                case "replica_pos" -> server.replicaTerm().equals("REPLICA") ? "replica_pos" : "slave_pos";
                default -> "current_pos";
            };
            options.add("MASTER_USE_GTID=" + gtid);
            shown.add(options.get(options.size() - 1));
        }
        String head = source ? "CHANGE REPLICATION SOURCE" : server.resolve("CHANGE MASTER");
        String query = head + named + " TO " + String.join(",", options) + channel;
        String display = head + named + " TO " + String.join(",", shown) + channel;
        ctx.converge("run " + display, () -> {
            List<ResultSet> sets = login.change(query + ";\nSHOW WARNINGS");
            List<String> warnings = sets.get(sets.size() - 1).column("Message");
            if (!warnings.isEmpty()) {
                ctx.set("warning", String.join("; ", warnings));
            }
        });
        ctx.set("queries", List.of(display));
    }

    /**
     * A statement that changes the server unless it fails, or, for start and stop ({@code noted}), the server notes
     * that there was nothing to do (Replica already started): what community.mysql means by catching the driver's Warning.
     * A reset of a stopped replica notes that it is stopped, yet resets: its notes say nothing.
     */
    private static void simple(ModuleContext ctx, MysqlLogin login, String query, boolean noted, String done, String nothing) throws Exception {
        ctx.set("queries", List.of(query));
        var r = login.attempt(query + ";\nSHOW WARNINGS", true);
        if (!r.ok()) {
            if (ctx.bool("failOnError")) {
                ctx.fail(query + " failed: " + MysqlLogin.failure(r));
            }
            ctx.msg(nothing);
            return;
        }
        List<ResultSet> sets = MysqlXml.parse(r.stdout());
        if (noted && !sets.isEmpty() && !sets.get(sets.size() - 1).rows().isEmpty()) {
            ctx.msg(nothing);
            return;
        }
        ctx.converge(query, () -> { });
        ctx.msg(done);
    }

    /** The columns of MariaDB's SHOW REPLICA STATUS. */
    static final class ReplicaColumns {
        static final List<String> MARIADB = List.of(("Slave_IO_State Master_Host Master_User Master_Port Connect_Retry Master_Log_File"
                + " Read_Master_Log_Pos Relay_Log_File Relay_Log_Pos Relay_Master_Log_File Slave_IO_Running Slave_SQL_Running"
                + " Replicate_Do_DB Replicate_Ignore_DB Replicate_Do_Table Replicate_Ignore_Table Replicate_Wild_Do_Table"
                + " Replicate_Wild_Ignore_Table Last_Errno Last_Error Skip_Counter Exec_Master_Log_Pos Relay_Log_Space Until_Condition"
                + " Until_Log_File Until_Log_Pos Master_SSL_Allowed Master_SSL_CA_File Master_SSL_CA_Path Master_SSL_Cert"
                + " Master_SSL_Cipher Master_SSL_Key Seconds_Behind_Master Master_SSL_Verify_Server_Cert Last_IO_Errno Last_IO_Error"
                + " Last_SQL_Errno Last_SQL_Error Replicate_Ignore_Server_Ids Master_Server_Id Master_SSL_Crl Master_SSL_Crlpath"
                + " Using_Gtid Gtid_IO_Pos Replicate_Do_Domain_Ids Replicate_Ignore_Domain_Ids Parallel_Mode SQL_Delay"
                + " SQL_Remaining_Delay Slave_SQL_Running_State Slave_DDL_Groups Slave_Non_Transactional_Groups"
                + " Slave_Transactional_Groups Replicate_Rewrite_DB").split(" "));

        private ReplicaColumns() {
        }
    }
}
