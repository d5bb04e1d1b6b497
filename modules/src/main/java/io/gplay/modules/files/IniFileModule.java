package io.gplay.modules.files;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** One option of an INI file's section set, or removed, or a whole section removed (Ansible's ini_file). */
public final class IniFileModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("iniFile",
            "Sets or removes one option in a section of an INI file, or removes a section, as Ansible's ini_file; the rest of the file is kept as it is.")
            .param(Param.required("path", ParamType.PATH, "the file on the host"))
            .param(Param.optional("section", ParamType.STRING, null, "the section's name, without brackets; none: the options before the first section"))
            .param(Param.optional("option", ParamType.STRING, null, "the option; none with state absent removes the whole section"))
            .param(Param.optional("value", ParamType.STRING, null, "its value"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the option (or the section) should be there"))
            .param(Param.optional("noExtraSpaces", ParamType.BOOL, false, "write option=value, not option = value"))
            .param(Param.optional("allowNoValue", ParamType.BOOL, false, "an option without a value is written as its name alone"))
            .param(Param.optional("create", ParamType.BOOL, true, "create the file when it is missing"))
            .param(FileContent.BACKUP)
            .params(Attributes.PARAMS)
            .primary("path")
            .requiredIf("state", "present", "option")
            .returns("path", "string", "success", "the file", "/etc/php/8.2/fpm/php.ini")
            .returns("backup_file", "string", "changed and backup: true", "the copy of the file kept before the change", "/etc/php.ini.20261207-101010~")
            .leavesOut("exclusive", "an option set is set once: its other lines in the section are removed, as Ansible's default")
            .leavesOut("values", "one value per option")
            .leavesOut("ignore_spaces", "a line is replaced when its text differs")
            .leavesOut("modify_inactive_option", "a commented-out option is replaced by the option, as Ansible's default")
            .leavesOut("follow", "a link is replaced by the file")
            .leavesOut("section_has_values", "sections are told apart by name only")
            .leavesOut("others", "Ansible's file parameters are mode, owner and group here")
            .example("iniFile '/etc/php/8.2/fpm/php.ini', section: 'PHP', option: 'memory_limit', value: '256M', backup: true")
            .example("iniFile 'no legacy section', path: '/etc/app.ini', section: 'legacy', state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path");
        for (String p : List.of("section", "option", "value")) {
            if (ctx.has(p) && (ctx.str(p).contains("\n") || ctx.str(p).contains("\r"))) {
                ctx.fail(p + " must be one line, without a newline");
            }
        }
        if (!ctx.has("section") && !ctx.has("option")) {
            ctx.fail("give section, option or both");
        }
        if (ctx.has("option") && ctx.str("option").isBlank()) {
            ctx.fail("option is blank: give its name");
        }
        if (ctx.str("state").equals("present") && !ctx.has("value") && !ctx.bool("allowNoValue")) {
            ctx.fail("give value, or allowNoValue: true for an option without one");
        }
        boolean absent = ctx.str("state").equals("absent");
        String[] msg = {"OK"};
        RemoteFile cur = FileContent.edit(ctx, path, ctx.bool("backup"), found -> {
            if (!found.exists() && (absent || !ctx.bool("create"))) {
                if (!absent) {
                    ctx.fail(path + " does not exist (create: false)");
                }
                return null;
            }
            String text = found.isFile() ? found.content() : "";
            List<String> lines = new ArrayList<>(text.isEmpty() ? List.of()
                    : Arrays.asList((text.endsWith("\n") ? text.substring(0, text.length() - 1) : text).split("\n", -1)));
            msg[0] = absent ? remove(ctx, lines) : set(ctx, lines);
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        });
        ctx.set("path", path);
        if (!msg[0].equals("OK")) { // what the edit did, in Ansible's words; "OK" when it left the text as it was
            ctx.msg(msg[0]);
        }
        if (cur.exists() || !absent) {
            Attributes.ensure(ctx, cur, path);
        }
    }

    /** Where the section's lines are: {header (-1 for the options before any section, or when missing), end}. */
    private static int[] section(ModuleContext ctx, List<String> lines) {
        String section = ctx.str("section");
        int header = -1;
        int start = 0;
        if (section != null) {
            start = lines.size();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("[" + section + "]")) {
                    header = i;
                    start = i + 1;
                    break;
                }
            }
        }
        int end = start;
        while (end < lines.size() && !lines.get(end).stripLeading().startsWith("[")) {
            end++;
        }
        return new int[]{header, start, end};
    }

    private static String line(ModuleContext ctx) {
        String option = ctx.str("option");
        if (!ctx.has("value")) {
            return option;
        }
        return option + (ctx.bool("noExtraSpaces") ? "=" : " = ") + ctx.str("value");
    }

    private static Pattern option(ModuleContext ctx, boolean commented) {
        return Pattern.compile("^[ \\t]*" + (commented ? "[#;][ \\t]*" : "") + Pattern.quote(ctx.str("option")) + "[ \\t]*(=.*)?$");
    }

    private static String set(ModuleContext ctx, List<String> lines) {
        int[] s = section(ctx, lines);
        String wanted = line(ctx);
        if (ctx.has("section") && s[0] < 0) {
            lines.add("[" + ctx.str("section") + "]");
            lines.add(wanted);
            return "section and option added";
        }
        Pattern active = option(ctx, false);
        int first = -1;
        for (int i = s[2] - 1; i >= s[1]; i--) { // the first one stays, later ones go
            if (active.matcher(lines.get(i)).matches()) {
                if (first >= 0) {
                    lines.remove(first);
                }
                first = i;
            }
        }
        if (first >= 0) {
            boolean same = lines.get(first).equals(wanted);
            lines.set(first, wanted);
            return same ? "OK" : "option changed";
        }
        Pattern commented = option(ctx, true);
        for (int i = s[1]; i < s[2]; i++) {
            if (commented.matcher(lines.get(i)).matches()) {
                lines.set(i, wanted);
                return "option changed";
            }
        }
        int at = s[2];
        while (at > s[1] && lines.get(at - 1).isBlank()) {
            at--;
        }
        lines.add(at, wanted);
        return "option added";
    }

    private static String remove(ModuleContext ctx, List<String> lines) {
        int[] s = section(ctx, lines);
        if (ctx.has("section") && s[0] < 0) {
            return "OK";
        }
        if (!ctx.has("option")) {
            lines.subList(s[0] < 0 ? s[1] : s[0], s[2]).clear();
            return "section removed";
        }
        Pattern active = option(ctx, false);
        int before = lines.size();
        for (int i = s[2] - 1; i >= s[1]; i--) {
            if (active.matcher(lines.get(i)).matches()) {
                lines.remove(i);
            }
        }
        return lines.size() < before ? "option removed" : "OK";
    }
}
