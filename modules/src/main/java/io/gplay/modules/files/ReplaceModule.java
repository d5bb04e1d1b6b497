package io.gplay.modules.files;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces every match of a pattern in a file (Ansible's replace), optionally only between two other patterns. */
public final class ReplaceModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("replace",
            "Replaces every match of a regular expression in a file, as Ansible's replace: the pattern is multiline (^ and $ at each line), the replacement Python's syntax (\\1, \\g<name>).")
            .param(Param.required("path", ParamType.PATH, "the file on the host; it must exist"))
            .param(Param.required("regexp", ParamType.REGEX, "a Java regular expression, over the whole file: (?<name>...) names a group, (?s) lets . match newlines"))
            .param(Param.optional("replace", ParamType.STRING, "", "what each match becomes: \\1 or \\g<1> or \\g<name> for a group; empty removes the matches"))
            .param(Param.optional("after", ParamType.REGEX, null, "only replace after the first match of this pattern"))
            .param(Param.optional("before", ParamType.REGEX, null, "only replace before the first match of this pattern"))
            .param(FileContent.BACKUP).param(FileContent.VALIDATE)
            .params(Attributes.PARAMS)
            .primary("path")
            .returns("backup_file", "string", "changed and backup: true", "the copy of the file kept before the change", "/etc/hosts.20261207-101010~")
            .leavesOut("encoding", "files are read and written as their bytes are (UTF-8, and bytes that are not UTF-8 kept as they were)")
            .leavesOut("others", "Ansible's file parameters are mode, owner and group here; attributes, selinux and unsafe_writes are not taken")
            .example("replace 'listen on every address', path: '/etc/redis/redis.conf', regexp: /^bind .*$/, replace: 'bind 0.0.0.0'")
            .example("replace 'hosts entries of old', path: '/etc/hosts', regexp: /(\\s+)old\\.example\\.com(\\s+.*)?$/, replace: '\\\\1new.example.com\\\\2', backup: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path");
        int[] count = {0};
        RemoteFile cur = FileContent.edit(ctx, path, ctx.bool("backup"), ctx.str("validate"), found -> {
            if (!found.exists()) {
                ctx.fail(path + " does not exist");
            }
            if (!found.isFile()) {
                ctx.fail(path + " is a " + found.type() + ", not a file");
            }
            String text = found.content();
            long deadline = BoundedRegex.deadlineFromNow();
            int[] section = section(ctx, text, deadline);
            BoundedRegex re = new BoundedRegex("regexp", ctx.str("regexp"), Pattern.MULTILINE,
                    deadline, ctx::ending);
            String part = text.substring(section[0], section[1]);
            StringBuilder out = new StringBuilder(text.substring(0, section[0]));
            count[0] = re.on(part, m -> {
                int n = 0;
                while (m.find()) {
                    m.appendReplacement(out, Matcher.quoteReplacement(PythonReplacement.expand(ctx.str("replace"), m, "replace")));
                    n++;
                }
                m.appendTail(out);
                return n;
            });
            return out.append(text.substring(section[1])).toString();
        });
        if (count[0] > 0) {
            ctx.msg(count[0] + " replacements made");
        }
        Attributes.ensure(ctx, cur, path);
    }

    /**
     * Where replacing happens: from the end of after's first match to the start of before's first match after
     * it, as Ansible's replace; a pattern that does not match fails the task, as there.
     */
    private static int[] section(ModuleContext ctx, String text, long deadline) {
        int start = 0;
        int end = text.length();
        if (ctx.has("after")) {
            BoundedRegex after = new BoundedRegex("after", ctx.str("after"), Pattern.MULTILINE, deadline, ctx::ending);
            start = after.on(text, m -> m.find() ? m.end() : -1);
        }
        if (start >= 0 && ctx.has("before")) {
            int from = start;
            BoundedRegex before = new BoundedRegex("before", ctx.str("before"), Pattern.MULTILINE, deadline, ctx::ending);
            end = before.on(text, m -> m.find(from) ? m.start() : -1);
        }
        if (start < 0 || end < 0) {
            ctx.fail("the pattern of " + (start < 0 ? "after" : "before") + " matches nothing in " + ctx.str("path")
                    + ", so there is no section to replace in");
        }
        return new int[]{start, end};
    }
}
