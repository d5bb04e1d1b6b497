package io.gplay.modules.repos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A throw-away gpg home on this machine that makes test keys (ed25519, no passphrase) and exports them armored. */
final class Gpg {
    final Path home;

    Gpg(Path home) throws IOException {
        this.home = Files.createDirectories(home);
        home.toFile().setReadable(false, false);
        home.toFile().setReadable(true, true);
    }

    /** A new key for the address; its armored public key. */
    String newKey(String email) throws IOException, InterruptedException {
        run("--quick-gen-key", "Test <" + email + ">", "ed25519", "sign", "never");
        return run("--armor", "--export", email);
    }

    /** The key's "pub" long id and its fingerprint, as gpg lists them. */
    String[] ids(String email) throws IOException, InterruptedException {
        String id = null;
        String fpr = null;
        for (String l : run("--with-colons", "--fixed-list-mode", "--with-fingerprint", "--list-keys", email).split("\n")) {
            String[] f = l.split(":", -1);
            if (f[0].equals("pub")) {
                id = f[4];
            } else if (f[0].equals("fpr") && fpr == null) {
                fpr = f[9];
            }
        }
        return new String[] {id, fpr};
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("gpg", "--batch", "--no-tty", "--passphrase", "", "--homedir", home.toString()));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("gpg " + String.join(" ", args) + " failed");
        }
        return out;
    }
}
