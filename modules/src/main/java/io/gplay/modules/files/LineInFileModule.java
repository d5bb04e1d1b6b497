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

/** Ensures one line is in a file (replacing the last line that matches a pattern) or that matching lines are gone. */
public final class LineInFileModule implements Module {
    private static final ModuleSpec SPEC = FileContent.declareEdit(new ModuleSpec("lineinfile", "Ensures a line is present in a file (replacing the last line matching regexp) or absent.")
            .param(Param.required("path", ParamType.PATH, "the file on the host"))
            .param(Param.optional("line", ParamType.STRING, null, "the line to have, one line without a newline (required for state: present)"))
            .param(Param.optional("regexp", ParamType.REGEX, null, "a Java regular expression; the last matching line is replaced (present) or every one removed (absent)"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the line should be there"))
            .param(Param.optional("insertafter", ParamType.REGEX, "EOF", "where a new line goes when nothing matches: EOF, or after the last line matching this pattern"))
            .param(Param.optional("insertbefore", ParamType.REGEX, null, "BOF, or before the first line matching this pattern"))
            .param(Param.optional("create", ParamType.BOOL, false, "create the file if it does not exist"))
            .param(FileContent.BACKUP).param(FileContent.VALIDATE)
            .params(Attributes.PARAMS)
            .requiredIf("state", "present", "line")
            .example("lineinfile 'wheel may sudo', path: '/etc/sudoers', regexp: '^%wheel', line: '%wheel ALL=(ALL) ALL', validate: 'visudo -cf %s'")
            .leavesOut("backrefs", "the line is written as given: build it in the playbook")
            .leavesOut("search_string", "use regexp with the string quoted (java.util.regex.Pattern.quote)")
            .leavesOut("firstmatch", "a new line goes after the last match of insertafter, or before the first match of insertbefore")
            .leavesOut("attributes", "no chattr attributes: run command 'chattr' where needed")
            .leavesOut("seuser", "no SELinux context: run command 'chcon' where needed")
            .leavesOut("serole", "no SELinux context")
            .leavesOut("setype", "no SELinux context")
            .leavesOut("selevel", "no SELinux context")
            .leavesOut("unsafe_writes", "writes are always atomic")
            .notes("Ansible's lineinfile registers the backup's path as backup; here it is backup_file, as copy's.")
            .example("lineinfile 'move brick ports', path: '/etc/glusterfs/glusterd.vol', regexp: /#?\\s*option base-port/, line: '    option base-port 50152'"));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path");
        String line = ctx.str("line");
        if (line != null && (line.contains("\n") || line.contains("\r"))) {
            // two lines never match one, so the file would grow on every run
            ctx.fail("line must be one line, without a newline; for several lines use one lineinfile each,"
                    + " or copy or template for a block");
        }
        boolean absent = ctx.str("state").equals("absent");
        RemoteFile cur = FileContent.edit(ctx, path, ctx.bool("backup"), ctx.str("validate"), found -> {
            if (!found.exists() && absent) {
                return null; // no file holds no line: create is for lines that should be there
            }
            if (!found.exists() && !ctx.bool("create")) {
                ctx.fail(path + " does not exist (set create: true to create it)");
            }
            return edit(found.isFile() ? found.content() : "", ctx);
        });
        if (cur.exists() || !absent) {
            Attributes.ensure(ctx, cur, path);
        }
    }

    static String edit(String text, ModuleContext ctx) {
        boolean endsWithNewline = text.isEmpty() || text.endsWith("\n");
        List<String> lines = new ArrayList<>(text.isEmpty() ? List.of()
                : Arrays.asList((endsWithNewline ? text.substring(0, text.length() - 1) : text).split("\n", -1)));
        long deadline = BoundedRegex.deadlineFromNow();
        BoundedRegex re = ctx.has("regexp") ? new BoundedRegex("regexp", ctx.str("regexp"), deadline, ctx::ending) : null;
        String line = ctx.str("line");
        if (ctx.str("state").equals("absent")) {
            lines.removeIf(l -> re != null ? re.find(l) : l.equals(line));
        } else {
            int match = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (re != null ? re.find(lines.get(i)) : lines.get(i).equals(line)) {
                    match = i;
                }
            }
            if (match >= 0) {
                lines.set(match, line);
            } else if (!lines.contains(line)) {
                // as in Ansible: when the regexp matches no line but the line itself is there, it stays as it is
                lines.add(insertAt(lines, ctx, deadline), line);
            }
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static int insertAt(List<String> lines, ModuleContext ctx, long deadline) {
        String before = ctx.str("insertbefore");
        if (before != null) {
            if (before.equals("BOF")) {
                return 0;
            }
            BoundedRegex p = new BoundedRegex("insertbefore", before, deadline, ctx::ending);
            for (int i = 0; i < lines.size(); i++) {
                if (p.find(lines.get(i))) {
                    return i;
                }
            }
            return lines.size();
        }
        String after = ctx.str("insertafter");
        if (after.equals("EOF")) {
            return lines.size();
        }
        BoundedRegex p = new BoundedRegex("insertafter", after, deadline, ctx::ending);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (p.find(lines.get(i))) {
                return i + 1;
            }
        }
        return lines.size();
    }
}
