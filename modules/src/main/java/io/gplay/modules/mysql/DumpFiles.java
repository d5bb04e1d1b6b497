package io.gplay.modules.mysql;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * mysqlDb's dump and import: mysqldump into a file, a file into mysql, compressed by its suffix as community.mysql
 * does (.gz, .bz2, .xz, .zst). Fixed scripts, the values as their arguments; the login as {@link MysqlLogin} gives it.
 */
final class DumpFiles {
    private static final Map<String, String> COMPRESSORS = Map.of(".gz", "gzip", ".bz2", "bzip2", ".xz", "xz", ".zst", "zstd");

    /** Dumps into a temporary file beside the target, then compresses or renames it: a failed dump leaves the target as it was. */
    private static final String DUMP = "p=$0; z=$1; f=$2; shift 2; t=\"$f.gplay-$$\"; "
            + "if { printf '%s' \"$opts\" | \"$p\" --defaults-extra-file=/dev/fd/3 \"$@\" 3<&0 0</dev/null; } > \"$t\"; then "
            + "if [ -n \"$z\" ]; then \"$z\" -c < \"$t\" > \"$f\" && rm -f -- \"$t\"; else mv -f -- \"$t\" \"$f\"; fi; "
            + "else rc=$?; rm -f -- \"$t\"; exit $rc; fi";
    /** Feeds the file (unpacked) to the client; a file that does not unpack ends in a statement the server refuses. */
    private static final String IMPORT = "p=$0; z=$1; f=$2; shift 2; "
            + "[ -r \"$f\" ] || { echo \"target $f does not exist on the host\" >&2; exit 1; }; "
            + "{ if [ -n \"$z\" ]; then \"$z\" -dc -- \"$f\"; else cat -- \"$f\"; fi || printf '\\n;\\ngplay: the file could not be unpacked;\\n'; } "
            + "| { printf '%s' \"$opts\" | \"$p\" --defaults-extra-file=/dev/fd/3 \"$@\" 3<&0 0<&4 4<&-; } 4<&0";

    private DumpFiles() {
    }

    static String compressor(String target) {
        return COMPRESSORS.entrySet().stream().filter(e -> target.endsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse("");
    }

    /** mysqldump's options for the task, the databases last, as db_dump builds them. */
    static List<String> dumpArgs(List<String> names, boolean all, Options o) {
        List<String> args = new ArrayList<>();
        if (o.force()) {
            args.add("--force");
        }
        if (o.skipLockTables()) {
            args.add("--skip-lock-tables");
        }
        if (o.encoding() != null) {
            args.add("--default-character-set=" + o.encoding());
        }
        if (o.singleTransaction()) {
            args.add("--single-transaction=true");
        }
        if (o.quick()) {
            args.add("--quick");
        }
        for (String t : o.ignoreTables()) {
            args.add("--ignore-table=" + t);
        }
        if (o.hexBlob()) {
            args.add("--hex-blob");
        }
        if (o.masterData() > 0) {
            args.add("--master-data=" + o.masterData());
        }
        args.addAll(o.extra());
        if (all) {
            args.add("--all-databases");
        } else if (names.size() > 1) {
            args.add("--databases");
            args.add("--");
            args.addAll(names);
        } else {
            args.add("--");
            args.add(names.get(0));
        }
        return args;
    }

    static String dump(MysqlLogin login, String target, List<String> args) {
        List<String> words = new ArrayList<>(List.of("mysqldump", compressor(target), target));
        words.addAll(args);
        orFail(login.script(DUMP, words, true));
        String z = compressor(target);
        return "mysqldump " + String.join(" ", args) + (z.isEmpty() ? "" : " | " + z) + " > " + target;
    }

    static String restore(MysqlLogin login, String target, String db, boolean all, Options o) {
        List<String> args = new ArrayList<>();
        if (o.force()) {
            args.add("-f");
        }
        if (o.encoding() != null) {
            args.add("--default-character-set=" + o.encoding());
        }
        if (!all) {
            args.add("--one-database");
            args.add("--");
            args.add(db);
        }
        List<String> words = new ArrayList<>(List.of("mysql", compressor(target), target));
        words.addAll(args);
        orFail(login.script(IMPORT, words, true));
        String z = compressor(target);
        return (z.isEmpty() ? "" : z + " -dc " + target + " | ") + "mysql " + String.join(" ", args) + (z.isEmpty() ? " < " + target : "");
    }

    private static void orFail(ExecResult r) {
        if (!r.ok()) {
            throw new ModuleFailure(MysqlLogin.failure(r));
        }
    }

    /** The dump and import options of a mysqlDb task. */
    record Options(boolean force, boolean skipLockTables, String encoding, boolean singleTransaction, boolean quick,
                   List<String> ignoreTables, boolean hexBlob, int masterData, List<String> extra) {
    }
}
