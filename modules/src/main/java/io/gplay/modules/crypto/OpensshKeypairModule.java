package io.gplay.modules.crypto;

import io.gplay.engine.connection.RemoteFile;
import io.gplay.engine.module.Module;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleSpec;
import io.gplay.engine.module.Param;
import io.gplay.engine.module.ParamType;
import io.gplay.engine.shell.Cmd;
import io.gplay.engine.connection.ExecResult;
import io.gplay.modules.files.Attributes;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An OpenSSH key pair made by the host's ssh-keygen, decided as community.crypto's openssh_keypair (its
 * KeypairBackend: _should_generate, _public_key_valid, _restore_public_key). The passphrase reaches ssh-keygen
 * on its standard input, which ssh-keygen reads when no terminal is there, never through -N or -P.
 */
public final class OpensshKeypairModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("opensshKeypair", "Generates an OpenSSH private key and its public key with ssh-keygen.")
            .primary("path")
            .param(Param.required("path", ParamType.PATH, "the private key's file; the public key is PATH.pub"))
            .param(Param.choice("type", "rsa", List.of("rsa", "dsa", "ecdsa", "ed25519"), "the key's algorithm"))
            .param(Param.optional("size", ParamType.INT, null, "bits: rsa 1024 or more (default 4096), dsa 1024, ecdsa 256, 384 or 521 (default 256); ed25519 ignores it"))
            .param(Param.optional("comment", ParamType.STRING, null, "the key's comment (ssh-keygen's default user@host when not given)"))
            .param(Param.optional("passphrase", ParamType.STRING, null, "encrypts the private key; given to ssh-keygen on its standard input, never on its command line"))
            .param(Param.choice("state", "present", List.of("present", "absent"), "present: the pair exists; absent: both files are removed"))
            .param(Param.optional("force", ParamType.BOOL, false, "regenerate the pair on every run (regenerate: always)"))
            .param(Param.choice("regenerate", "partial_idempotence", List.of("never", "fail", "partial_idempotence", "full_idempotence", "always"),
                    "when an existing key is replaced: never; fail when its type or size differs; partial_idempotence: when they differ;"
                            + " full_idempotence: also when it cannot be read (a wrong passphrase); always"))
            .params(Attributes.PARAMS)
            .leavesOut("backend", "gplay always uses the host's ssh-keygen (Ansible's opensshbin backend); the cryptography backend needs Python on the host")
            .leavesOut("private_key_format", "only with the cryptography backend; ssh-keygen writes its own OpenSSH format")
            .leavesOut("attributes", "chattr flags; use the file module")
            .leavesOut("seuser", "SELinux contexts are not handled by gplay")
            .returns("filename", "string", "changed or success", "the private key's path", "/tmp/id_ssh_rsa")
            .returns("fingerprint", "string", "changed or success", "the key's fingerprint", "SHA256:r4YCZxihVjedH2OlfjVGI6Y5xAYtdCwk8VxKyzVyYfM")
            .returns("public_key", "string", "changed or success", "the public key, its type and data", "ssh-ed25519 AAAAC3Nza...")
            .returns("size", "int", "changed or success", "the key's bits", "4096")
            .returns("type", "string", "changed or success", "the key's algorithm", "rsa")
            .returns("comment", "string", "changed or success", "the public key's comment", "test@comment")
            .checkMode("reads the existing pair with ssh-keygen and says what it would generate, restore or remove; nothing is generated")
            .notes("Ansible's rsa1 type is gone from OpenSSH and not offered. Changed when a key is generated, the public key is"
                    + " rewritten from the private one (missing, another key's, or another comment), mode/owner/group change, or the pair is removed."
                    + " A public key rewritten with no comment given keeps the private key's comment (Ansible's has none then).")
            .example("opensshKeypair '/home/deploy/.ssh/id_ed25519', type: 'ed25519', comment: 'deploy@web', owner: 'deploy', mode: '0600'")
            .example("opensshKeypair '/etc/backup/id_rsa', size: 4096, passphrase: { vars.vault_backup_key_pass }");

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public void run(ModuleContext ctx) throws Exception {
        String path = ctx.str("path");
        String pub = path + ".pub";
        String type = ctx.str("type");
        int size = size(ctx, type);
        String comment = ctx.str("comment");
        String regenerate = ctx.bool("force") ? "always" : ctx.str("regenerate");
        ctx.requireProgram("ssh-keygen", "install openssh-client");
        RemoteFile key = ctx.stat(path, false);
        RemoteFile pubFile = ctx.stat(pub, true);
        if (key.exists() && !key.isFile()) {
            ctx.fail(path + " is a " + key.type() + ". Please specify a path to a file.");
        }
        SshKeyInfo info = key.exists() ? info(ctx, path) : null;
        if (ctx.str("state").equals("absent")) {
            if (key.exists() || pubFile.exists()) {
                ctx.converge("remove the key pair " + path, () -> ctx.change(Cmd.of("rm", "-f", "--", path, pub)));
                ctx.predict(RemoteFile.absent(path));
                ctx.predict(RemoteFile.absent(pub));
                ctx.predictState("opensshKeypair:" + path, "");
            }
            return;
        }
        String matching = key.exists() ? matchingPublicKey(ctx, path) : null;
        if (key.exists() && List.of("never", "fail", "partial_idempotence").contains(regenerate) && (info == null || matching == null)) {
            ctx.fail("Unable to read the key. The key is protected with a passphrase or broken. Will not proceed. To force"
                    + " regeneration, call the module with regenerate: 'full_idempotence' or 'always', or with force: true.");
        }
        boolean valid = info != null && matching != null && info.size() == size && info.type().equals(type);
        if (regenerate.equals("fail") && info != null && !valid) {
            ctx.fail("Key has wrong type and/or size (" + info.type() + " " + info.size() + "). Will not proceed. To force"
                    + " regeneration, call the module with regenerate: 'partial_idempotence', 'full_idempotence' or 'always', or with force: true.");
        }
        boolean generate = info == null || switch (regenerate) {
            case "never", "fail" -> false;
            case "always" -> true;
            default -> !valid;
        };
        if (generate) {
            ctx.converge("generate a " + type + " " + size + " key pair at " + path + (info == null ? "" : " (replacing a " + info.type() + " " + info.size() + " key)"),
                    () -> generate(ctx, path, type, size, comment));
            predictPair(ctx, path, pub, type, size);
        } else if (!publicKeyValid(pubFile, matching, comment)) {
            ctx.converge("rewrite " + pub + " from the private key" + (comment == null ? "" : " with comment '" + comment + "'"),
                    () -> restorePublicKey(ctx, path, pub, matching, comment));
            predictPair(ctx, path, pub, type, size);
        }
        if (ctx.has("mode") || ctx.has("owner") || ctx.has("group")) {
            for (String p : List.of(path, pub)) {
                Attributes.ensure(ctx, ctx.stat(p, false), p);
            }
        }
        report(ctx, path, pub, type, size);
    }

    private static int size(ModuleContext ctx, String type) {
        Integer given = ctx.integer("size");
        switch (type) {
            case "rsa" -> {
                int s = given == null ? 4096 : given;
                if (s < 1024) {
                    ctx.fail("For RSA keys, the minimum size is 1024 bits and the default is 4096 bits; size " + s + " is too small");
                }
                return s;
            }
            case "dsa" -> {
                if (given != null && given != 1024) {
                    ctx.fail("DSA keys must be exactly 1024 bits as specified by FIPS 186-2; size " + given + " is not");
                }
                return 1024;
            }
            case "ecdsa" -> {
                int s = given == null ? 256 : given;
                if (s != 256 && s != 384 && s != 521) {
                    ctx.fail("For ECDSA keys, size selects the curve: 256, 384 or 521 bits; got " + s);
                }
                return s;
            }
            default -> {
                return 256; // ed25519: Ansible ignores the size given
            }
        }
    }

    private static byte[] passphraseInput(ModuleContext ctx, int times) {
        String p = ctx.str("passphrase");
        return (p == null ? "" : (p + "\n").repeat(times)).getBytes(StandardCharsets.UTF_8);
    }

    private static SshKeyInfo info(ModuleContext ctx, String path) {
        String predicted = ctx.predictedState("opensshKeypair:" + path);
        if (predicted != null) {
            return predicted.isEmpty() ? null : SshKeyInfo.parse(predicted);
        }
        ExecResult r = ctx.probe(Cmd.of("ssh-keygen", "-l", "-f", path));
        return r.ok() ? SshKeyInfo.parse(r.stdout()) : null;
    }

    /** ssh-keygen -y: the public key the private one gives (with the key's comment), null when it cannot be read. */
    private static String matchingPublicKey(ModuleContext ctx, String path) {
        String predicted = ctx.predictedState("opensshKeypair:" + path + ":public");
        if (predicted != null) {
            return predicted;
        }
        ExecResult r = ctx.probe(Cmd.of("ssh-keygen", "-y", "-f", path), passphraseInput(ctx, 1));
        return r.ok() ? r.stdout().strip() : null;
    }

    /** Ansible's PublicKey equality: type and data, and the comment when one was asked for. */
    private static boolean publicKeyValid(RemoteFile pubFile, String matching, String comment) {
        if (!pubFile.isFile() || matching == null || pubFile.content() == null) {
            return pubFile.isFile() && pubFile.content() == null; // a pair predicted by this check run
        }
        String[] have = pubFile.content().strip().split(" ", 3);
        String[] want = matching.split(" ", 3);
        return have.length > 1 && have[0].equals(want[0]) && have[1].equals(want[1])
                && (comment == null || comment.equals(have.length > 2 ? have[2] : ""));
    }

    /** Generates in a temporary folder and moves the pair in place, as Ansible does, so a failure leaves the old pair. */
    private static void generate(ModuleContext ctx, String path, String type, int size, String comment) {
        String tmp = ctx.change(Cmd.of("mktemp", "-d")).stdout().strip();
        try {
            Cmd keygen = Cmd.of("ssh-keygen", "-q", "-b", String.valueOf(size), "-t", type, "-f", tmp + "/key", "-C", comment == null ? "" : comment);
            ExecResult r = ctx.attempt(ctx.str("passphrase") == null ? keygen.args(List.of("-N", "")) : keygen, passphraseInput(ctx, 2));
            if (!r.ok()) {
                ctx.fail("ssh-keygen could not generate the key: " + r.reason());
            }
            ctx.change(Cmd.of("mv", "-f", "--", tmp + "/key", path));
            ctx.change(Cmd.of("mv", "-f", "--", tmp + "/key.pub", path + ".pub"));
        } finally {
            ctx.attempt(Cmd.of("rm", "-rf", "--", tmp), null);
        }
    }

    private static void restorePublicKey(ModuleContext ctx, String path, String pub, String matching, String comment) throws Exception {
        String[] words = matching.split(" ", 3);
        String line = words[0] + " " + words[1] + (comment != null ? " " + comment : words.length > 2 ? " " + words[2] : "");
        ctx.writeFile(pub, line + "\n", "0644");
        if (comment != null) {
            ExecResult r = ctx.attempt(Cmd.of("ssh-keygen", "-q", "-c", "-C", comment, "-f", path), passphraseInput(ctx, 1));
            if (!r.ok()) {
                ctx.fail("ssh-keygen could not set the comment of " + path + ": " + r.reason());
            }
        }
    }

    /** In a check run the pair does not exist: later tasks see files whose content is not known. */
    private static void predictPair(ModuleContext ctx, String path, String pub, String type, int size) {
        if (ctx.checkMode()) {
            ctx.predictState("opensshKeypair:" + path, size + " (predicted) (" + type.toUpperCase() + ")");
            ctx.predictState("opensshKeypair:" + path + ":public", "predicted");
            ctx.predict(new RemoteFile(path, "file", null, null, "0600", null, null));
            ctx.predict(new RemoteFile(pub, "file", null, null, "0644", null, null));
        }
    }

    private static void report(ModuleContext ctx, String path, String pub, String type, int size) {
        ctx.set("filename", path);
        ctx.set("size", size);
        ctx.set("type", type);
        if (ctx.checkMode() && ctx.stat(pub, false).exists() && ctx.stat(pub, true).content() == null) {
            ctx.set("fingerprint", "");
            ctx.set("public_key", "");
            ctx.set("comment", ctx.str("comment") == null ? "" : ctx.str("comment"));
            return;
        }
        SshKeyInfo info = info(ctx, path);
        RemoteFile pubFile = ctx.stat(pub, true);
        String[] words = pubFile.isFile() && pubFile.content() != null ? pubFile.content().strip().split(" ", 3) : new String[0];
        ctx.set("fingerprint", info == null ? "" : info.fingerprint());
        ctx.set("public_key", words.length > 1 ? words[0] + " " + words[1] : "");
        ctx.set("comment", words.length > 2 ? words[2] : "");
    }
}
