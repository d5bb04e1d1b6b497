package io.gplay.modules.repos;

import io.gplay.engine.connection.ExecResult;
import io.gplay.engine.module.ModuleContext;
import io.gplay.engine.module.ModuleFailure;
import io.gplay.engine.shell.Cmd;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An OpenPGP public key a task names: its armored text, fetched on the host from a URL or given inline, or a file
 * of the host; and the key id and fingerprint the host's gpg reads from it, as Ansible's rpm_key and apt_key
 * read them ({@code gpg --with-colons}: field 5 of the pub line, field 10 of the fpr line).
 */
record PublicKey(String text, String file, String keyId, String fingerprint) {
    private static final Pattern ARMOR = Pattern.compile(
            "(?s).*?-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----.*");
    static final Cmd GPG_LIST = Cmd.of("gpg", "--no-tty", "--batch", "--with-colons", "--fixed-list-mode", "--with-fingerprint");

    static boolean armored(String s) {
        return ARMOR.matcher(s).matches();
    }

    /** The key read from text (fed to gpg on its standard input). */
    static PublicKey ofText(ModuleContext ctx, String text, String from) {
        ExecResult r = ctx.probe(GPG_LIST, text.getBytes(StandardCharsets.UTF_8));
        return read(r, text, null, from);
    }

    /** The key read from a file of the host. */
    static PublicKey ofFile(ModuleContext ctx, String file) {
        ExecResult r = ctx.probe(Cmd.of("gpg", "--no-tty", "--batch", "--with-colons", "--fixed-list-mode", "--with-fingerprint", "--", file));
        return read(r, null, file, file);
    }

    /** The armored key at a URL, downloaded by the host's curl (the URL on its standard input, never a command line). */
    static String fetch(ModuleContext ctx, String url, boolean validateCerts) {
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new ModuleFailure("the key URL has a control character (a newline?): " + url.strip());
        }
        String config = "silent\nshow-error\nfail\nlocation\n" + (validateCerts ? "" : "insecure\n")
                + "url = \"" + url.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
        ExecResult r = ctx.probe(Cmd.of("curl", "-K", "-"), config.getBytes(StandardCharsets.UTF_8));
        if (!r.ok()) {
            throw new ModuleFailure("failed to fetch key at " + url + " , error was: " + r.reason());
        }
        if (!armored(r.stdout())) {
            throw new ModuleFailure("Not a public key: " + url);
        }
        return r.stdout();
    }

    private static PublicKey read(ExecResult r, String text, String file, String from) {
        String id = null;
        String fpr = null;
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split(":", -1);
            if (id == null && f[0].equals("pub") && f.length > 4) {
                id = f[4];
            } else if (fpr == null && f[0].equals("fpr") && f.length > 9) {
                fpr = f[9];
            }
        }
        if (id == null) {
            throw new ModuleFailure("gpg found no public key in " + from + (r.ok() ? "" : ": " + r.reason()));
        }
        return new PublicKey(text, file, id.toUpperCase(), fpr == null ? "" : fpr.toUpperCase());
    }

    /** Ansible's normalize_keyid: stripped, upper case, without 0x. */
    static String normalize(String keyId) {
        String k = keyId.strip().toUpperCase();
        return k.startsWith("0X") ? k.substring(2) : k;
    }
}
