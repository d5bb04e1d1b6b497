package io.gplay.modules.pam;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.modules.files.FileContent;

import java.util.List;

/** A limit of limits.conf (or a file of limits.d), set as community.general's pam_limits sets it; see {@link LimitsConf}. */
public final class PamLimitsModule implements Module {
    private static final List<String> ITEMS = List.of("core", "data", "fsize", "memlock", "nofile", "rss", "stack", "cpu", "nproc", "as",
            "maxlogins", "maxsyslogins", "priority", "locks", "sigpending", "msgqueue", "nice", "rtprio", "chroot");

    private static final ModuleSpec SPEC = FileContent.declareEdit(new ModuleSpec("pamLimits", "Sets a PAM limit (ulimit) in limits.conf, as Ansible's pam_limits.")
            .primary("domain")
            .param(Param.required("domain", ParamType.STRING, "whom the limit is for: a user, @group, *, a uid or gid range"))
            .param(new Param("limitType", ParamType.STRING, true, null, List.of("soft", "hard", "-"), "soft, hard, or - for both"))
            .param(new Param("limitItem", ParamType.STRING, true, null, ITEMS, "the resource limited"))
            .param(Param.required("value", ParamType.ANY, "the limit: a number, or unlimited, infinity or -1 for none; nice and priority -20 to 19"))
            .param(Param.optional("useMax", ParamType.BOOL, false, "keep the value there when it is larger than value"))
            .param(Param.optional("useMin", ParamType.BOOL, false, "keep the value there when it is smaller than value"))
            .param(Param.optional("dest", ParamType.PATH, "/etc/security/limits.conf", "the file (a limits.d drop-in is created when missing)"))
            .param(Param.optional("comment", ParamType.STRING, "", "a comment after the limit, on its line"))
            .param(FileContent.BACKUP)
            .returns("msg", "string", "success", "the limit's line as the file holds it", "nofile\tsoft\tnofile\t64000\n")
            .checkMode("shows the edit as a diff and writes nothing (Ansible's module creates a missing dest even in check mode; here it does not)")
            .notes("Every line of the file but the limit's keeps its bytes. Without comment the limit keeps the comment of its own line"
                    + " (Ansible's module takes the comment of an earlier line of the file). A line of four fields with an invalid value fails the task, as in Ansible.")
            .example("pamLimits '*', limitType: '-', limitItem: 'nofile', value: 65536, dest: '/etc/security/limits.d/90-nofile.conf'")
            .example("pamLimits '@dba', limitType: 'hard', limitItem: 'memlock', value: 'unlimited', comment: 'oracle SGA'"));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String domain = ctx.str("domain");
        String item = ctx.str("limitItem");
        String value = String.valueOf(ctx.get("value")).strip();
        String comment = ctx.str("comment") == null ? "" : ctx.str("comment");
        if (domain.isEmpty() || domain.matches(".*[\\s#].*")) {
            ctx.fail("domain '" + domain + "' is no limits.conf domain: a user, @group, * or a range, without blanks or '#'");
        }
        if (comment.contains("\n") || comment.contains("\r")) {
            ctx.fail("comment must be one line");
        }
        if (ctx.bool("useMax") && ctx.bool("useMin")) {
            ctx.fail("Cannot use useMin and useMax at the same time.");
        }
        String why = LimitsConf.invalid(item, value);
        if (why != null) {
            ctx.fail(why);
        }
        String dest = ctx.str("dest");
        String[] line = {""};
        FileContent.edit(ctx, dest, ctx.bool("backup"), found -> {
            if (found.exists() && !found.isFile()) {
                ctx.fail(dest + " is a " + found.type() + ", not a file");
            }
            try {
                LimitsConf.Edit edit = LimitsConf.edit(found.isFile() ? found.content() : "", domain, ctx.str("limitType"), item, value,
                        ctx.bool("useMax"), ctx.bool("useMin"), comment);
                line[0] = edit.line();
                return edit.text();
            } catch (IllegalArgumentException e) {
                ctx.fail(dest + ": " + e.getMessage());
                return null;
            }
        });
        ctx.set("msg", line[0]);
    }
}
