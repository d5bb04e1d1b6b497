package io.gplay.engine.connection;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenSSH's known_hosts rules: a known key must match; an unknown host is refused unless accept-new is on
 * (then learned and written); a changed key is always refused. A host is known when any line names it,
 * whatever its key type: sshj alone takes a host known only by, say, an ed25519 key that now offers an RSA one
 * for a new host, which accept-new would learn. (sshj already proposes the known key types first, so a server
 * with several keys is verified with the known one.)
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {
    private final boolean acceptNew;
    /** Why the host's key was refused, for the UNREACHABLE message. */
    String refusal;

    KnownHostsVerifier(Path file, boolean acceptNew) throws IOException {
        super(ensure(file).toFile());
        this.acceptNew = acceptNew;
    }

    private static Path ensure(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file);
        }
        return file;
    }

    /** Called when no line holds a key of the offered type for the host (sshj's "unknown host"). */
    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        if (!linesNaming(hostname).isEmpty()) {
            return hostKeyChangedAction(hostname, key);
        }
        if (!acceptNew) {
            refusal = "host key for " + hostname + " is not in " + getFile()
                    + " (refused; use --accept-new-host-keys to learn new hosts)";
            return false;
        }
        try {
            write(new HostEntry(null, hostname, KeyType.fromKey(key), key));
            return true;
        } catch (IOException | RuntimeException e) {
            refusal = "cannot record host key for " + hostname + ": " + e.getMessage();
            return false;
        }
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        refusal = "HOST KEY CHANGED for " + hostname + ": it offers the " + KeyType.fromKey(key) + " key "
                + fingerprint(key) + ", not the key of " + String.join(", ", linesNaming(hostname))
                + " (refused: possible man-in-the-middle; if the host was reinstalled, remove the old key with"
                + " ssh-keygen -R '" + hostname + "' -f " + getFile() + ")";
        return false;
    }

    /** "FILE:LINE (TYPE)" for each line of the file that names the host. */
    private List<String> linesNaming(String hostname) {
        List<String> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(getFile().toPath(), StandardCharsets.UTF_8);
            EntryFactory parser = new EntryFactory();
            for (int i = 0; i < lines.size(); i++) {
                KnownHostEntry e = parseOrNull(parser, lines.get(i));
                if (e != null && !(e instanceof CommentEntry) && e.appliesTo(hostname)) {
                    out.add(getFile() + ":" + (i + 1) + " (" + e.getType() + ")");
                }
            }
        } catch (IOException e) {
            // the entries were read at start: a file unreadable now names no line
        }
        return out;
    }

    private static KnownHostEntry parseOrNull(EntryFactory parser, String line) {
        try {
            return parser.parseEntry(line);
        } catch (IOException | RuntimeException e) {
            return null; // a line sshj cannot read holds no key it could verify with
        }
    }

    /** OpenSSH's form, e.g. SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s. */
    static String fingerprint(PublicKey key) {
        try {
            byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
