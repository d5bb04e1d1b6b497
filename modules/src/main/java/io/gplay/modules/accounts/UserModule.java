package io.gplay.modules.accounts;

import io.gplay.engine.module.Diff;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Adds, changes or removes a user with useradd, usermod and userdel, deciding as Ansible's user module does
 * (ansible-core 2.14, modules/user.py: create_user_useradd, modify_user_usermod): only what differs is changed.
 */
public final class UserModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("user", "Adds, changes or removes a user account (useradd, usermod, userdel).")
            .primary("name")
            .param(Param.required("name", ParamType.STRING, "the login name"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the account should exist"))
            .param(Param.optional("uid", ParamType.INT, null, "its UID"))
            .param(Param.optional("nonUnique", ParamType.BOOL, false, "allow a UID another user has (-o); with uid only"))
            .param(Param.optional("group", ParamType.STRING, null, "its primary group, a name or GID; the group must exist"))
            .param(Param.optional("groups", ParamType.LIST, null, "its supplementary groups (a list, or names joined by commas); [] removes them all unless append"))
            .param(Param.optional("append", ParamType.BOOL, false, "add the groups, keeping the user's other ones; otherwise groups is the whole list"))
            .param(Param.optional("comment", ParamType.STRING, null, "the GECOS field (the full name)"))
            .param(Param.optional("home", ParamType.PATH, null, "its home folder"))
            .param(Param.optional("moveHome", ParamType.BOOL, false, "when home changes, move the old home's content there (usermod -m)"))
            .param(Param.optional("createHome", ParamType.BOOL, true, "create the home folder when the account is added (-m; else -M)"))
            .param(Param.optional("skeleton", ParamType.STRING, null, "the folder a new home is copied from (-k), with createHome"))
            .param(Param.optional("shell", ParamType.STRING, null, "its login shell"))
            .param(Param.optional("system", ParamType.BOOL, false, "add it as a system account (-r); an existing account is not changed"))
            .param(Param.optional("password", ParamType.STRING, null, "the password's hash as /etc/shadow holds it (crypt(3); make it with mkpasswd or password_hash),"
                    + " set with chpasswd -e on standard input, never on a command line"))
            .param(Param.choice("updatePassword", "always", List.of("always", "on_create"), "on_create: set password only on an account being added"))
            .param(Param.optional("passwordLock", ParamType.BOOL, null, "lock (true, usermod -L) or unlock (false, -U) the password"))
            .param(Param.optional("force", ParamType.BOOL, false, "with state absent: remove the user even when logged in (userdel -f)"))
            .param(Param.optional("remove", ParamType.BOOL, false, "with state absent: remove its home folder and mail spool too (userdel -r)"))
            .checkMode("predicts from getent passwd, group and shadow with the code of a real run; a group an earlier task of the"
                    + " check run would add counts as there, and later tasks see the account as it would be")
            .notes("The account is read with getent, so a user of LDAP or SSSD counts as there, as in Ansible. A change shows"
                    + " a diff of the account's fields (never the password's hash). The group given as group or in groups must"
                    + " exist: the task fails naming it before anything changes. A name is refused when useradd would refuse"
                    + " it or it would break /etc/passwd (empty, over 32 characters, a leading '-', '~' or '+', ':', ',', '/', space"
                    + " or control characters).")
            .returns("name", "string", "success", "the account's name", "deploy")
            .returns("state", "string", "success", "the state asked", "present")
            .returns("uid", "int", "when state is present and the account exists", "its UID", "1001")
            .returns("group", "int", "when state is present and the account exists", "its primary group's GID", "1001")
            .returns("comment", "string", "when state is present and the account exists", "its GECOS field", "Deploy User")
            .returns("home", "string", "when state is present and the account exists", "its home folder", "/home/deploy")
            .returns("shell", "string", "when state is present and the account exists", "its login shell", "/bin/bash")
            .returns("groups", "string", "when groups is given and state is present", "the groups asked, joined by commas, as in Ansible", "wheel,docker")
            .returns("append", "bool", "when state is present and the account existed", "append as given", "false")
            .returns("move_home", "bool", "when state is present and the account existed", "moveHome as given", "false")
            .returns("system", "bool", "when the account is added", "system as given", "false")
            .returns("create_home", "bool", "when the account is added", "createHome as given", "true")
            .returns("password", "string", "when state is present and password is given", "always NOT_LOGGING_PASSWORD", "NOT_LOGGING_PASSWORD")
            .returns("force", "bool", "when state is absent and the account existed", "force as given", "false")
            .returns("remove", "bool", "when state is absent and the account existed", "remove as given", "false")
            .leavesOut("generate_ssh_key", "not built: generate keys with command: ssh-keygen, creates: the key file (ssh_key_bits,"
                    + " ssh_key_type, ssh_key_file, ssh_key_comment, ssh_key_passphrase go with it)")
            .leavesOut("expires", "not built yet: use command: chage -E DATE (password_expire_max and password_expire_min: chage -M, -m)")
            .leavesOut("hidden", "macOS only")
            .leavesOut("login_class", "BSD only")
            .leavesOut("profile", "Illumos/Solaris only (authorization and role too)")
            .leavesOut("seuser", "SELinux user mapping is not built (useradd -Z)")
            .leavesOut("local", "gplay changes accounts with useradd, usermod and userdel; the libuser tools (luseradd) are not used")
            .leavesOut("umask", "not built: set UMASK in /etc/login.defs")
            .example("user 'deploy', uid: 1500, group: 'deploy', groups: ['wheel'], append: true, shell: '/bin/bash'")
            .example("user 'old-admin', state: 'absent', remove: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String name = AccountName.of(ctx, "name");
        ctx.set("name", name);
        ctx.set("state", ctx.str("state"));
        Accounts.Entry user = Accounts.user(ctx, name);
        if (ctx.str("state").equals("absent")) {
            if (user != null) {
                remove(ctx, name, user);
            }
            return;
        }
        UserFields wanted = UserFields.wanted(ctx, name, user);
        if (user == null) {
            add(ctx, name, wanted);
        } else {
            ctx.set("append", ctx.bool("append"));
            ctx.set("move_home", ctx.bool("moveHome"));
            modify(ctx, name, user, wanted);
        }
        UserPassword.ensure(ctx, name, user == null);
        if (ctx.has("groups")) {
            ctx.set("groups", String.join(",", wanted.groups()));
        }
        Accounts.Entry after = ctx.checkMode() ? user : Accounts.user(ctx, name);
        if (after != null) {
            Map<String, String> shown = ctx.checkMode() ? wanted.after(UserFields.of(after)) : UserFields.of(after);
            shown.forEach((k, v) -> {
                if (k.equals("uid") || k.equals("group")) {
                    if (v.matches("\\d+")) {
                        ctx.set(k, Integer.valueOf(v));
                    }
                } else if (!k.equals("groups")) {
                    ctx.set(k, v);
                }
            });
        }
    }

    private static void remove(ModuleContext ctx, String name, Accounts.Entry user) throws Exception {
        ctx.set("force", ctx.bool("force"));
        ctx.set("remove", ctx.bool("remove"));
        Cmd del = Cmd.of("userdel");
        if (ctx.bool("force")) {
            del.raw("-f");
        }
        if (ctx.bool("remove")) {
            del.raw("-r");
        }
        ctx.converge("remove user " + name + (ctx.bool("remove") ? " with its home folder" : ""),
                new Diff("user " + name, UserFields.text(UserFields.of(user)), ""),
                () -> ctx.change(del.raw("--").arg(name)));
        ctx.predictState(Accounts.userKey(name), Accounts.ABSENT);
    }

    private static void add(ModuleContext ctx, String name, UserFields wanted) throws Exception {
        ctx.set("system", ctx.bool("system"));
        ctx.set("create_home", ctx.bool("createHome"));
        Cmd add = Cmd.of("useradd");
        if (ctx.has("uid")) {
            add.raw("-u").arg(ctx.integer("uid"));
            if (ctx.bool("nonUnique")) {
                add.raw("-o");
            }
        }
        if (ctx.has("group")) {
            add.raw("-g").arg(ctx.str("group"));
        } else if (Accounts.group(ctx, name) != null) {
            add.raw("-N"); // as Ansible: a group of the user's name is there, so useradd must not try to add it
        }
        if (!wanted.groups().isEmpty()) {
            add.raw("-G").arg(String.join(",", wanted.groups()));
        }
        option(ctx, add, "comment", "-c");
        option(ctx, add, "home", "-d");
        option(ctx, add, "shell", "-s");
        if (ctx.bool("createHome")) {
            add.raw("-m");
            option(ctx, add, "skeleton", "-k");
        } else {
            add.raw("-M");
        }
        if (ctx.bool("system")) {
            add.raw("-r");
        }
        Cmd run = ctx.has("home") && ctx.bool("createHome")
                // useradd makes the home folder, not the folders above it (Ansible makes those first too)
                ? Cmd.of("mkdir", "-p", "--", parent(ctx.str("home"))).and(add.raw("--").arg(name))
                : add.raw("--").arg(name);
        ctx.converge("add user " + name, new Diff("user " + name, "", UserFields.text(wanted.after(Map.of()))),
                () -> ctx.change(run));
        ctx.predictState(Accounts.userKey(name), ctx.has("uid") ? ctx.str("uid") : Accounts.PRESENT);
        if (ctx.checkMode()) {
            // where its home would be, for a later task of the check run (authorizedKey): useradd -D's HOME/NAME
            String base = ctx.probe(Cmd.of("useradd", "-D")).stdout().lines().filter(l -> l.startsWith("HOME="))
                    .map(l -> l.substring(5)).findFirst().orElse("/home");
            ctx.predictState(Accounts.userKey(name) + ":home", ctx.has("home") ? ctx.str("home") : base + "/" + name);
        }
    }

    private static void modify(ModuleContext ctx, String name, Accounts.Entry user, UserFields wanted) throws Exception {
        Map<String, String> before = wanted.before(user);
        Map<String, String> after = wanted.after(before);
        Cmd mod = Cmd.of("usermod");
        if (!Objects.equals(after.get("uid"), before.get("uid"))) {
            mod.raw("-u").arg(after.get("uid"));
            if (ctx.bool("nonUnique")) {
                mod.raw("-o");
            }
        }
        if (!Objects.equals(after.get("group"), before.get("group"))) {
            mod.raw("-g").arg(wanted.primaryGroup());
        }
        if (!Objects.equals(after.get("groups"), before.get("groups"))) {
            if (ctx.bool("append")) {
                mod.raw("-a");
            }
            mod.raw("-G").arg(String.join(",", wanted.groups()));
        }
        for (String[] f : List.of(new String[]{"comment", "-c"}, new String[]{"shell", "-s"})) {
            if (!Objects.equals(after.get(f[0]), before.get(f[0]))) {
                mod.raw(f[1]).arg(after.get(f[0]));
            }
        }
        if (!Objects.equals(after.get("home"), before.get("home"))) {
            mod.raw("-d").arg(after.get("home"));
            if (ctx.bool("moveHome")) {
                mod.raw("-m");
            }
        }
        List<String> changed = before.keySet().stream().filter(k -> !Objects.equals(before.get(k), after.get(k))).toList();
        if (!changed.isEmpty()) {
            ctx.converge("change user " + name + ": " + String.join(", ", changed),
                    new Diff("user " + name, UserFields.text(before), UserFields.text(after)),
                    () -> ctx.change(mod.raw("--").arg(name)));
        }
    }

    private static void option(ModuleContext ctx, Cmd cmd, String param, String flag) {
        if (ctx.has(param)) {
            cmd.raw(flag).arg(ctx.str(param));
        }
    }

    private static String parent(String path) {
        String p = path.replaceAll("/+$", "");
        return p.lastIndexOf('/') <= 0 ? "/" : p.substring(0, p.lastIndexOf('/'));
    }
}
