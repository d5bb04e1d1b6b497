package io.gplay.modules.system;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.module.Result;
import io.gplay.engine.shell.Cmd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A database of the name service switch read with getent, as Ansible's getent (ansible-core 2.14,
 * lib/ansible/modules/getent.py): each entry's first field to the list of its others, in the fact
 * {@code getent_<database>}; an entry seen twice to the list of both lists.
 */
public final class GetentModule implements Module {
    /** The databases whose fields are split on ':' when no split is given; any other on blanks. */
    private static final Set<String> COLON = Set.of("passwd", "shadow", "group", "gshadow");

    private static final ModuleSpec SPEC = new ModuleSpec("getent", "Reads a getent database (passwd, group, hosts, services...) into the host's facts, as getent_<database>.")
            .primary("database")
            .param(Param.required("database", ParamType.STRING, "the database, as getent names it (passwd, group, hosts, services...)"))
            .param(Param.optional("key", ParamType.STRING, null, "the entry to read; none: every entry (not every database can list them all)"))
            .param(Param.optional("split", ParamType.STRING, null, "what separates the fields (':', '\\t'); none: ':' for passwd, shadow, group and gshadow, blanks for the others"))
            .param(Param.optional("failKey", ParamType.BOOL, true, "fail when the key is not in the database; false: the fact holds the key with null"))
            .param(Param.optional("service", ParamType.STRING, null, "read this service only, for every database (getent -s: files, sss...)"))
            .setsFacts("getent_{database}")
            .returns(Result.MODULE_FACTS, "map", "success", "the fact getent_<database>: each entry's first field to the list of its other fields (the host's fact and variable after the task)",
                    "{getent_passwd: {root: [x, '0', '0', root, /root, /bin/bash]}}")
            .checkMode("reads only; runs the same in check mode, so later tasks of a check run see the fact")
            .notes("After the task, facts.getent_passwd, ansible_facts.getent_passwd and the variable getent_passwd hold the"
                    + " entries, as in Ansible. getent's exit codes are Ansible's messages: 1 a database it does not know,"
                    + " 2 a key not found, 3 a database that cannot list its entries.")
            .example("getent 'passwd', key: 'root'")
            .example("getent 'services', key: 'http', failKey: false");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) {
        String database = ctx.str("database");
        String key = ctx.str("key");
        String split = ctx.str("split");
        if (split != null && split.isEmpty()) {
            ctx.fail("split must be a non-empty string (':', '\\t'), or not given");
        }
        ctx.requireProgram("getent", "the C library's name service tool");
        Cmd cmd = Cmd.of("getent");
        if (ctx.str("service") != null) {
            cmd = cmd.arg("-s").arg(ctx.str("service"));
        }
        cmd = cmd.raw("--").arg(database);
        if (key != null) {
            cmd = cmd.arg(key);
        }
        ExecResult r = ctx.probe(cmd);
        String fact = "getent_" + database;
        switch (r.rc()) {
            case 0 -> ctx.set(Result.MODULE_FACTS, Map.of(fact, entries(r.stdout(),
                    split != null ? split : COLON.contains(database) ? ":" : null)));
            case 1 -> ctx.fail("Missing arguments, or database unknown: '" + database + "'");
            case 2 -> {
                if (ctx.bool("failKey")) {
                    ctx.fail("One or more supplied key could not be found in the database: '" + key + "' in " + database);
                }
                Map<String, Object> none = new HashMap<>();
                none.put(key, null);
                ctx.set(Result.MODULE_FACTS, Map.of(fact, none));
                ctx.msg("One or more supplied key could not be found in the database.");
            }
            case 3 -> ctx.fail("Enumeration not supported on this database: " + database + " (give a key)");
            default -> ctx.fail("Unexpected failure! " + cmd + ": " + r.reason());
        }
    }

    /** Each line's first field to its other fields; a first field seen again, to the list of each one's fields. */
    static Map<String, Object> entries(String out, String split) {
        Map<String, Object> entries = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : out.split("\n")) {
            List<String> record = split == null ? Arrays.asList(line.strip().split("\\s+"))
                    : Arrays.asList(line.split(Pattern.quote(split), -1));
            if (line.isBlank()) {
                continue;
            }
            String first = record.get(0);
            List<String> fields = List.copyOf(record.subList(1, record.size()));
            int times = seen.merge(first, 1, Integer::sum);
            if (times == 1) {
                entries.put(first, fields);
            } else {
                if (times == 2) {
                    List<Object> both = new ArrayList<>();
                    both.add(entries.get(first));
                    entries.put(first, both);
                }
                @SuppressWarnings("unchecked")
                List<Object> all = (List<Object>) entries.get(first);
                all.add(fields);
            }
        }
        return entries;
    }
}
