package io.gplay.modules.pam;

import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.modules.files.FileContent;

import java.util.List;

/**
 * A rule of a PAM service file (/etc/pam.d/NAME) updated, inserted, removed or given or rid of arguments, as
 * community.general's pamd does. Ansible rewrites every rule of the file in its own format and marks the file
 * "# Updated by Ansible - TIME"; here only the rules a change touches are written in that format, every other
 * line keeps its bytes, and no mark is added (a file Ansible wrote converges here unchanged).
 */
public final class PamdModule implements Module {
    private static final ModuleSpec SPEC = FileContent.declareEdit(new ModuleSpec("pamd", "Edits the rules of a PAM service file, as Ansible's pamd.")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the service: the file's name in path (login, sshd, common-auth)"))
            .param(new Param("type", ParamType.STRING, true, null, PamRule.TYPES, "the type of the rule to find"))
            .param(Param.required("control", ParamType.STRING, "the control of the rule to find (required, [success=1 default=ignore]...)"))
            .param(Param.required("modulePath", ParamType.STRING, "the module of the rule to find (pam_unix.so)"))
            .param(Param.choice("newType", null, PamRule.TYPES, "updated: the rule's new type; before/after: the new rule's type"))
            .param(Param.optional("newControl", ParamType.STRING, null, "updated: the rule's new control; before/after: the new rule's control"))
            .param(Param.optional("newModulePath", ParamType.STRING, null, "updated: the rule's new module; before/after: the new rule's module"))
            .param(Param.optional("moduleArguments", ParamType.LIST, null, "updated: the rule's arguments (an empty list clears them); before/after: the new rule's;"
                    + " args_present/args_absent: the arguments to add (key=value replaces the key's value) or remove"))
            .param(Param.choice("state", "updated", List.of("updated", "before", "after", "args_present", "args_absent", "absent"),
                    "updated: change the matching rules; before/after: insert a new rule next to each; args_present/args_absent: their"
                            + " arguments; absent: remove them"))
            .param(Param.optional("path", ParamType.PATH, "/etc/pam.d", "the folder of the service files"))
            .param(FileContent.BACKUP)
            .requiredIf("state", "args_present", "moduleArguments")
            .requiredIf("state", "args_absent", "moduleArguments")
            .requiredIf("state", "before", "newControl", "newType", "newModulePath")
            .requiredIf("state", "after", "newControl", "newType", "newModulePath")
            .returns("change_count", "int", "success", "how many rules were changed, inserted or removed", "1")
            .checkMode("edits the file in memory and shows the diff; later tasks of the check run see the edit")
            .notes("A rule matches on type, control (as written, a bracketed control's ' = ' closed up) and module path. The whole file is"
                    + " checked as Ansible checks it: an unknown type or control, an indented comment or a line no rule reads fails the task."
                    + " Ansible drops the comments between a matched rule and its neighbour rule on before/after; here they stay."
                    + " Ansible's backupdest is backup_file here, as in lineinfile.")
            .example("pamd 'login', type: 'session', control: 'optional', modulePath: 'pam_motd.so', state: 'absent'")
            .example("pamd 'common-password', type: 'password', control: '[success=1 default=ignore]', modulePath: 'pam_unix.so',"
                    + " moduleArguments: ['rounds=65536'], state: 'args_present'")
            .example("pamd 'sshd', type: 'auth', control: 'substack', modulePath: 'common-auth', newType: 'auth', newControl: 'required',"
                    + " newModulePath: 'pam_faillock.so', moduleArguments: ['preauth'], state: 'before'"));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = ctx.str("name");
        if (name.isEmpty() || name.contains("/") || name.equals("..")) {
            ctx.fail("name '" + name + "' is no PAM service: a file name in " + ctx.str("path") + " (login, sshd), without '/'");
        }
        String file = ctx.str("path").replaceAll("/+$", "") + "/" + name;
        int[] changes = {0};
        FileContent.edit(ctx, file, ctx.bool("backup"), found -> {
            if (!found.isFile()) {
                ctx.fail("Unable to open/read PAM module file " + file + ": " + (found.exists() ? "it is a " + found.type() : "no such file"));
            }
            PamService service = new PamService(found.content());
            changes[0] = apply(ctx, service);
            String invalid = service.invalid();
            if (invalid != null) {
                ctx.fail(file + ": " + invalid);
            }
            return changes[0] > 0 ? service.text() : null;
        });
        ctx.set("change_count", changes[0]);
    }

    private static int apply(ModuleContext ctx, PamService service) {
        String type = ctx.str("type");
        String control = ctx.str("control");
        String path = ctx.str("modulePath");
        List<String> args = ctx.has("moduleArguments") ? ctx.list("moduleArguments").stream().map(String::valueOf).toList() : null;
        String newType = ctx.str("newType");
        String newControl = ctx.str("newControl");
        String newPath = ctx.str("newModulePath");
        return switch (ctx.str("state")) {
            case "updated" -> service.update(type, control, path, newType, newControl, newPath, args);
            case "before" -> service.insertBefore(type, control, path, newType, newControl, newPath, args);
            case "after" -> service.insertAfter(type, control, path, newType, newControl, newPath, args);
            case "args_present" -> {
                if (PamRule.arguments(args).stream().anyMatch(a -> a.startsWith("["))) {
                    ctx.fail("Unable to process bracketed '[' complex arguments with 'args_present'. Please use 'updated'.");
                }
                yield service.argsPresent(type, control, path, args);
            }
            case "args_absent" -> service.argsAbsent(type, control, path, args);
            default -> service.remove(type, control, path);
        };
    }
}
