package io.gplay.modules.accounts;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.modules.files.FileContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds or removes SSH keys in a user's authorized_keys, as Ansible's authorized_key (ansible.posix) decides: a
 * key is the same key by its key text, and matches when its type, options and comment are the same too. Every
 * other line of the file (other keys, comments, blank lines) keeps its bytes.
 */
public final class AuthorizedKeyModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("authorizedKey", "Adds or removes SSH keys in a user's authorized_keys file.")
            .primary("user")
            .param(Param.required("user", ParamType.STRING, "the user whose file it is; ~USER/.ssh/authorized_keys unless path"))
            .param(Param.required("key", ParamType.STRING, "one or more public keys, one a line ([options] type key [comment]); blank and # lines are skipped"))
            .param(Param.optional("path", ParamType.PATH, null, "another file than ~USER/.ssh/authorized_keys"))
            .param(Param.optional("manageDir", ParamType.BOOL, true, "create the file's folder, owned by the user with mode 0700, when it is missing"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the keys should be in the file"))
            .param(Param.optional("keyOptions", ParamType.STRING, null, "options for every key, replacing the key's own (from=\"10.0.0.0/8\",no-pty)"))
            .param(Param.optional("exclusive", ParamType.BOOL, false, "remove every other key from the file"))
            .param(Param.optional("comment", ParamType.STRING, null, "the comment every key gets, replacing the key's own"))
            .param(Param.optional("follow", ParamType.BOOL, false, "when the file is a symbolic link, write its target (else the link is replaced)"))
            .checkMode("predicts the file's new text and shows its diff; a user an earlier task of the check run would add is taken"
                    + " with the home folder it would get")
            .notes("A key whose options or comment differ is rewritten where it stands (Ansible moves it to the end of the file);"
                    + " a new key is added at the end in Ansible's form, so a file Ansible wrote converges with no change. A new"
                    + " file is owned by the user with mode 0600.")
            .returns("user", "string", "success", "the user", "deploy")
            .returns("key", "string", "success", "the key or keys, as given", "ssh-ed25519 AAAAC3Nz... deploy@ci")
            .returns("key_options", "string", "success", "keyOptions as given, or null", "no-pty")
            .returns("keyfile", "string", "success", "the file managed", "/home/deploy/.ssh/authorized_keys")
            .returns("path", "string", "success", "path as given, or null", "null")
            .returns("manage_dir", "bool", "success", "manageDir as given", "true")
            .returns("exclusive", "bool", "success", "exclusive as given", "false")
            .returns("state", "string", "success", "the state asked", "present")
            .leavesOut("validate_certs", "a key is not fetched from a URL: read it with a lookup or getUrl first, and pass the text")
            .example("authorizedKey 'deploy', key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZ1c2VyIGtleSBmb3IgZXhhbXBsZXMgb25seQ deploy@ci'")
            .example("authorizedKey 'root', key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZ1c2VyIGtleSBmb3IgZXhhbXBsZXMgb25seQ', keyOptions: 'from=\"10.0.0.0/8\",no-pty', exclusive: true");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String user = AccountName.of(ctx, "user");
        String given = ctx.str("key");
        if (given.startsWith("http")) {
            ctx.fail("key '" + given + "' is a URL: authorizedKey takes the keys' text (read it first with a lookup or getUrl)");
        }
        List<SshKeyLine> wanted = new ArrayList<>();
        Map<String, String> options = ctx.has("keyOptions") ? SshKeyLine.options(ctx.str("keyOptions")) : null;
        for (String line : given.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                SshKeyLine k = SshKeyLine.parse(line);
                if (k == null) {
                    ctx.fail("invalid key specified: " + line + " (a key is [options] TYPE KEY [comment], TYPE one of ssh-ed25519, ssh-rsa, ecdsa-sha2-nistp256...)");
                }
                wanted.add(k.with(options, ctx.str("comment")));
            }
        }
        Accounts.Entry entry = Accounts.user(ctx, user);
        if (entry == null) {
            ctx.fail("Failed to lookup user " + user + ": there is no such user (add it first with the user module)");
        }
        String home = entry.field(5).isEmpty() ? ctx.predictedState(Accounts.userKey(user) + ":home") : entry.field(5);
        String path = ctx.has("path") ? ctx.str("path") : home + "/.ssh/authorized_keys";
        if (ctx.bool("follow") && ctx.stat(path, false).exists()) {
            path = ctx.read(Cmd.of("readlink", "-f", "--", path)).strip();
        }
        record(ctx, user, path);
        boolean present = ctx.str("state").equals("present");
        RemoteFile found = ctx.stat(path);
        String before = found.isFile() ? found.content() : "";
        if (found.exists() && !found.isFile()) {
            ctx.fail(path + " is a " + found.type() + ", not a file");
        }
        if (edit(before, wanted, present, ctx.bool("exclusive")).equals(before)) {
            return;
        }
        String dir = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        if (ctx.bool("manageDir") && !ctx.stat(dir, false).exists()) {
            ctx.converge("create " + dir + " for " + user + "'s keys", () -> ctx.change(Cmd.of("mkdir", "-m", "0700", "--", dir)
                    .and(Cmd.of("chown", "--", user + ":" + entry.field(3), dir))));
            ctx.predict(new RemoteFile(dir, "directory", user, entry.field(3), "0700", null, null));
        }
        String file = path;
        FileContent.edit(ctx, file, false, now -> edit(now.isFile() ? now.content() : "", wanted, present, ctx.bool("exclusive")));
        if (!found.exists()) {
            ctx.converge("make " + file + " " + user + "'s, mode 0600", () -> ctx.change(Cmd.of("chown", "--", user + ":"
                    + entry.field(3), file).and(Cmd.of("chmod", "0600", "--", file))));
        }
    }

    private static void record(ModuleContext ctx, String user, String path) {
        ctx.set("user", user);
        ctx.set("key", ctx.str("key"));
        ctx.set("key_options", ctx.str("keyOptions"));
        ctx.set("keyfile", path);
        ctx.set("path", ctx.str("path"));
        ctx.set("manage_dir", ctx.bool("manageDir"));
        ctx.set("exclusive", ctx.bool("exclusive"));
        ctx.set("state", ctx.str("state"));
    }

    /** The file's text with the keys in (or out), every other line kept as it is. */
    static String edit(String text, List<SshKeyLine> wanted, boolean present, boolean exclusive) {
        List<String> lines = new ArrayList<>(text.lines().map(l -> l + "\n").toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            String last = lines.remove(lines.size() - 1);
            lines.add(last.substring(0, last.length() - 1));
        }
        Set<String> keys = wanted.stream().map(SshKeyLine::key).collect(Collectors.toSet());
        for (SshKeyLine k : wanted) {
            List<Integer> same = new ArrayList<>();
            boolean matched = false;
            for (int i = 0; i < lines.size(); i++) {
                SshKeyLine there = SshKeyLine.parse(lines.get(i));
                if (there != null && there.key().equals(k.key())) {
                    same.add(i);
                    matched |= there.equals(k);
                }
            }
            if (!present) {
                for (int i = same.size() - 1; i >= 0; i--) {
                    lines.remove((int) same.get(i));
                }
            } else if (!matched && same.isEmpty()) {
                if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n")) {
                    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n");
                }
                lines.add(k.render());
            } else if (!matched) {
                lines.set(same.get(0), k.render());
            }
        }
        if (present && exclusive) {
            lines.removeIf(l -> {
                SshKeyLine there = SshKeyLine.parse(l);
                return there != null && !keys.contains(there.key());
            });
        }
        return String.join("", lines);
    }
}
