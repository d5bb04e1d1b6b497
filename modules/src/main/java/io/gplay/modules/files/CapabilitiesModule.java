package io.gplay.modules.files;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One Linux capability of a file, as community.general's capabilities (plugins/modules/capabilities.py): getcap
 * reads the file's set, setcap writes it whole with the capability added, changed or taken out. A capability is
 * compared by the flags it ends with ({@code cap_x+ep} is getcap's {@code cap_x=ep}), not by how it is written.
 */
public final class CapabilitiesModule implements Module {
    /** A capability as a task gives it: its name, and with state present an operator and its flags. */
    private static final Pattern CAPABILITY = Pattern.compile("(?<name>cap_[a-z0-9_]+)(?:(?<op>[=+-])(?<flags>[eip]*))?");

    /** A clause of getcap's output: names, an operator, flags (cap_chown,cap_net_raw+ep). */
    private static final Pattern CLAUSE = Pattern.compile("(?<names>[a-z0-9_,]+)(?<op>[=+-])(?<flags>[eip]*)");

    private static final ModuleSpec SPEC = new ModuleSpec("capabilities", "Sets or takes out one Linux capability of a file (getcap, setcap).")
            .primary("path")
            .param(Param.required("path", ParamType.PATH, "the file (a regular file, not a link)"))
            .param(Param.required("capability", ParamType.STRING, "the capability, with state present its operator and flags: cap_net_bind_service+ep; with state absent its name"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "present: the file has the capability with those flags; absent: it has it not"))
            .returns("state", "string", "success", "the state asked for", "present")
            .returns("stdout", "string", "changed", "what setcap printed (nothing, usually)", "")
            .checkMode("reads the file's capabilities with getcap and says what setcap would set; the file is not touched")
            .notes("Needs getcap and setcap (Debian: libcap2-bin; Red Hat: libcap) and a file system with extended attributes."
                    + " The file's other capabilities are kept. Ansible compares the operator too, so cap_x+ep against"
                    + " getcap's cap_x=ep is a change at every run there; here it is the same capability.")
            .leavesOut("key, cap (aliases)", "gplay's parameters have one name each: path and capability")
            .example("capabilities '/usr/bin/ping', capability: 'cap_net_raw+ep'")
            .example("capabilities '/usr/local/bin/app', capability: 'cap_net_bind_service', state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path").strip();
        boolean present = ctx.str("state").equals("present");
        Matcher want = CAPABILITY.matcher(ctx.str("capability").strip().toLowerCase());
        if (!want.matches()) {
            ctx.fail("capability '" + ctx.str("capability") + "' is none setcap takes: a name such as cap_net_bind_service,"
                    + " with an operator (= + -) and flags (e i p) for state present: cap_net_bind_service+ep");
        }
        if (present && want.group("op") == null) {
            ctx.fail("capability '" + ctx.str("capability") + "' has no operator (one of = + -): cap_net_bind_service+ep");
        }
        ctx.requireProgram("getcap", "Debian: libcap2-bin; Red Hat: libcap");
        ctx.requireProgram("setcap", "Debian: libcap2-bin; Red Hat: libcap");
        Map<String, String> now = current(ctx, path);
        Map<String, String> after = new LinkedHashMap<>(now);
        String name = want.group("name");
        if (present) {
            String flags = flags(want.group("op"), want.group("flags"));
            if (flags.isEmpty()) {
                after.remove(name);
            } else {
                after.put(name, flags);
            }
        } else {
            after.remove(name);
        }
        ctx.set("state", ctx.str("state"));
        if (after.equals(now)) {
            ctx.msg(path + " " + (present ? "has " + ctx.str("capability") : "has no " + name) + " already");
            return;
        }
        String text = text(after);
        ctx.converge((present ? "set " + ctx.str("capability") + " on " : "take " + name + " off ") + path,
                new Diff(path + " (capabilities)", lines(now), lines(after)), () -> {
            // setcap takes no --: the path is absolute and the text starts with a capability's name, neither an option
            ExecResult r = ctx.change(text.isEmpty() ? Cmd.of("setcap", "-r", path) : Cmd.of("setcap", text, path));
            ctx.set("stdout", r.stdout());
        });
        if (ctx.checkMode()) {
            ctx.set("stdout", "");
        }
    }

    /** The file's capabilities, each name to its flags, from {@code getcap -v}: "PATH caps", "PATH = caps" (older libcap) or "PATH". */
    private static Map<String, String> current(ModuleContext ctx, String path) {
        ExecResult r = ctx.probe(Cmd.of("getcap", "-v", "--", path));
        String out = r.stdout().strip();
        String caps = out.startsWith(path) ? out.substring(path.length()).strip() : "(" + out + ")";
        // "PATH (No such file or directory)": an error, on standard error or (older libcap) standard output
        if (!r.ok() || !r.stderr().isBlank() || caps.startsWith("(")) {
            ctx.fail("Unable to get capabilities of " + path + ": " + (r.stderr().isBlank() ? out : r.stderr().strip()));
        }
        caps = caps.startsWith("=") ? caps.substring(1).strip() : caps;
        Map<String, String> set = new LinkedHashMap<>();
        for (String clause : caps.isEmpty() ? new String[0] : caps.split("\\s+")) {
            Matcher m = CLAUSE.matcher(clause.toLowerCase());
            if (!m.matches()) {
                ctx.fail("getcap of " + path + " gave '" + clause + "', which is no capability clause");
            }
            for (String n : m.group("names").split(",")) {
                String flags = flags(m.group("op"), m.group("flags"));
                if (!flags.isEmpty()) {
                    set.put(n, flags);
                }
            }
        }
        return set;
    }

    /** The flags a capability ends with on a file when its clause is applied to none: - leaves none. */
    private static String flags(String op, String flags) {
        return op.equals("-") ? "" : flags.chars().mapToObj(c -> String.valueOf((char) c))
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining());
    }

    /** The set as setcap takes it: NAME=FLAGS clauses. */
    private static String text(Map<String, String> caps) {
        return caps.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String lines(Map<String, String> caps) {
        return caps.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n").collect(Collectors.joining());
    }
}
