package io.gplay.modules.repos;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A GPG key in rpm's database, decided as Ansible's rpm_key (ansible-core 2.14, modules/rpm_key.py): the key's id
 * read by gpg, looked for among {@code rpm -q gpg-pubkey}'s keys, imported with {@code rpm --import}, removed with
 * {@code rpm --erase --allmatches gpg-pubkey-ID}.
 */
public final class RpmKeyModule implements Module {
    private static final String IMPORT_TEXT = "t=$(mktemp) || exit 1; trap 'rm -f \"$t\"' EXIT; cat > \"$t\" && rpm --import -- \"$t\"";
    private static final String IMPORTED = "rpm -q gpg-pubkey >/dev/null 2>&1 || exit 0;"
            + " rpm -q gpg-pubkey --qf '%{description}' | gpg --no-tty --batch --with-colons --fixed-list-mode --with-fingerprint -";

    private static final ModuleSpec SPEC = new ModuleSpec("rpmKey", "Adds or removes a GPG key in rpm's database (rpm --import, rpm --erase).")
            .primary("key")
            .param(Param.required("key", ParamType.STRING, "the key: a URL the host downloads it from, a file of the host, its armored text,"
                    + " or (to remove) its key id (DEADB33F, 8 or 16 hex digits, 0x allowed)"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "whether the key should be in rpm's database"))
            .param(Param.optional("fingerprint", ParamType.STRING, null, "the fingerprint the key must have to be imported (blanks ignored)"))
            .param(Param.optional("validateCerts", ParamType.BOOL, true, "check the TLS certificate of a key URL"))
            .checkMode("reads the key and rpm's keys as a real run does and predicts the import or removal; later tasks of the check run see it")
            .notes("Changed means the key was imported or removed, as in Ansible. A key is there when a key of rpm's database has its id"
                    + " (a short id matches the end of a long one). Armored key text as key is gplay's own: Ansible's rpm_key takes a URL,"
                    + " a file or an id. Ansible's rpm_key registers nothing beyond changed.")
            .example("rpmKey 'https://www.postgresql.org/download/keys/RPM-GPG-KEY-PGDG'")
            .example("rpmKey '/etc/pki/rpm-gpg/RPM-GPG-KEY-EPEL-9', fingerprint: 'FF8A D134 4597 106E CE81  3B91 8A38 72BF 3228 467C'")
            .example("rpmKey 'DEADB33F', state: 'absent'");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String key = ctx.str("key");
        PublicKey found = null;
        String keyId;
        if (key.contains("://")) {
            found = PublicKey.ofText(ctx, PublicKey.fetch(ctx, key, ctx.bool("validateCerts")), key);
            keyId = found.keyId();
        } else if (key.strip().matches("(?i)(0x)?[0-9a-f]{8}|(0x)?[0-9a-f]{16}|(0x)?[0-9a-f]{40}")) {
            keyId = PublicKey.normalize(key);
        } else if (PublicKey.armored(key)) {
            found = PublicKey.ofText(ctx, key, "the key text");
            keyId = found.keyId();
        } else if (key.startsWith("/") && !key.contains("\n") && ctx.stat(key).isFile()) {
            found = PublicKey.ofFile(ctx, key);
            keyId = found.keyId();
        } else {
            ctx.fail("Not a valid key " + key.strip() + ": give a URL, an absolute file of the host, armored key text or a key id");
            return;
        }
        boolean imported = imported(ctx, keyId);
        String what = "key " + keyId;
        if (ctx.str("state").equals("absent")) {
            if (!imported) {
                ctx.msg(what + " is not in rpm's database");
                return;
            }
            String pkg = "gpg-pubkey-" + keyId.substring(keyId.length() - 8).toLowerCase();
            ctx.converge("remove " + what + " from rpm's database (" + pkg + ")",
                    () -> ctx.change(Cmd.of("rpm", "--erase", "--allmatches", "--", pkg)));
            ctx.predictState("rpmKey:" + keyId, "absent");
            return;
        }
        if (imported) {
            ctx.msg(what + " is already in rpm's database");
            return;
        }
        if (found == null) {
            ctx.fail("When importing a key, a valid file must be given (" + key.strip() + " is a key id)");
        }
        if (ctx.has("fingerprint")) {
            String wanted = ctx.str("fingerprint").replace(" ", "").toUpperCase();
            if (!wanted.equals(found.fingerprint())) {
                ctx.fail("The specified fingerprint, '" + wanted + "', does not match the key fingerprint '" + found.fingerprint() + "'");
            }
        }
        PublicKey k = found;
        ctx.converge("import " + what + " into rpm's database from " + (k.file() != null ? k.file() : key.contains("://") ? key : "the key text"), () -> {
            if (k.file() != null) {
                ctx.change(Cmd.of("rpm", "--import", "--", k.file()));
            } else {
                ExecResult r = ctx.attempt(Cmd.of("sh", "-c", IMPORT_TEXT), k.text().getBytes(StandardCharsets.UTF_8));
                if (!r.ok()) {
                    ctx.fail("rpm --import refused the key: " + r.reason());
                }
            }
        });
        ctx.predictState("rpmKey:" + keyId, "present");
    }

    /** Whether a key of rpm's database has the id (Ansible's is_key_imported), or as a check run predicted. */
    private static boolean imported(ModuleContext ctx, String keyId) {
        String predicted = ctx.predictedState("rpmKey:" + keyId);
        if (predicted != null) {
            return predicted.equals("present");
        }
        ExecResult r = ctx.probe(Cmd.of("sh", "-c", IMPORTED));
        if (!r.ok()) {
            ctx.fail("cannot list rpm's keys: " + r.reason());
        }
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split(":", -1);
            if (f[0].equals("pub") && f.length > 4 && f[4].toUpperCase().contains(keyId)
                    || keyId.length() == 40 && f[0].equals("fpr") && f.length > 9 && f[9].equalsIgnoreCase(keyId)) {
                return true;
            }
        }
        return false;
    }
}
