package io.gplay.modules.accounts;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.shell.Cmd;

import java.nio.charset.StandardCharsets;

/**
 * A user's password hash and lock, as Ansible's user module decides them: the hash is compared with the shadow
 * entry's, a leading '!' (the lock) left aside. The hash goes to {@code chpasswd -e} on standard input, so it is
 * on no command line, and no description or diff shows it.
 */
final class UserPassword {
    private UserPassword() {
    }

    static void ensure(ModuleContext ctx, String name, boolean adding) throws Exception {
        Object lock = ctx.get("passwordLock");
        if (ctx.has("password")) {
            ctx.set("password", "NOT_LOGGING_PASSWORD");
        }
        String password = ctx.str("password");
        if (password != null && (password.contains(":") || password.contains("\n"))) {
            ctx.fail("password must be a crypt(3) hash, which holds no ':' and no newline (make one with mkpasswd -m sha-512)");
        }
        if (adding) {
            // a new account's hash is set when one is given; its lock only with it, as in Ansible
            if (password != null) {
                set(ctx, name, Boolean.TRUE.equals(lock) ? "!" + password : password);
            }
            return;
        }
        Accounts.Entry shadow = Accounts.shadow(ctx, name);
        String hash = shadow == null ? "" : shadow.field(1);
        if (password != null && ctx.str("updatePassword").equals("always") && !unlocked(hash).equals(unlocked(password))) {
            set(ctx, name, Boolean.TRUE.equals(lock) ? "!" + password : password);
        } else if (Boolean.TRUE.equals(lock) && !hash.startsWith("!")) {
            ctx.converge("lock user " + name + "'s password", () -> ctx.change(Cmd.of("usermod", "-L", "--", name)));
        } else if (Boolean.FALSE.equals(lock) && hash.startsWith("!")) {
            ctx.converge("unlock user " + name + "'s password", () -> ctx.change(Cmd.of("usermod", "-U", "--", name)));
        }
    }

    private static void set(ModuleContext ctx, String name, String hash) throws Exception {
        ctx.converge("set user " + name + "'s password", () -> {
            ExecResult r = ctx.attempt(Cmd.of("chpasswd", "-e"), (name + ":" + hash + "\n").getBytes(StandardCharsets.UTF_8));
            if (!r.ok()) {
                ctx.fail("chpasswd -e could not set " + name + "'s password: " + r.reason());
            }
        });
    }

    private static String unlocked(String hash) {
        return hash.replaceFirst("^!+", "");
    }
}
