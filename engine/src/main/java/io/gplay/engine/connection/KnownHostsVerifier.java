package io.gplay.engine.connection;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final Path file;
    private final boolean acceptNew;
    /** ssh_config's HostKeyAlias: the name looked up and learned instead of the address, with no port. */
    private final String alias;
    /** Why the host's key was refused, for the UNREACHABLE message. */
    String refusal;

    /**
     * The verifier for one host: of the file's lines, only those that can name it are parsed (see
     * {@link #linesFor}). Parsing every line for every connection costs hosts x lines key parses: at 500 hosts,
     * each in the file, a quarter of a million.
     */
    KnownHostsVerifier(Path file, String host, int port, boolean acceptNew) throws IOException {
        this(file, host, port, acceptNew, null);
    }

    /** With {@code alias} (HostKeyAlias) the file is asked for that name on the default port, as ssh does. */
    KnownHostsVerifier(Path file, String host, int port, boolean acceptNew, String alias) throws IOException {
        super(new StringReader(linesFor(Files.readString(ensure(file), StandardCharsets.UTF_8),
                alias == null ? host : alias, alias == null ? port : 22)));
        this.file = file;
        this.acceptNew = acceptNew;
        this.alias = alias;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        return alias == null ? super.verify(hostname, port, key) : super.verify(alias, 22, key);
    }

    /**
     * The lines that may name the host: hashed ones (|1|...), those with a marker (@cert-authority, @revoked),
     * those with a pattern (*, ?, !), and plain ones that list the host (as "host", or "[host]:port" when the port
     * is not 22). Any other line names other hosts only, which verifying this one never reads.
     */
    static String linesFor(String text, String host, int port) {
        String name = port == 22 ? host : "[" + host + "]:" + port;
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            int space = t.indexOf(' ');
            String hosts = space < 0 ? t : t.substring(0, space);
            boolean keep = t.startsWith("|") || t.startsWith("@") || hosts.matches(".*[*?!].*")
                    || Arrays.stream(hosts.split(",")).anyMatch(h -> h.equalsIgnoreCase(name));
            if (keep) {
                out.append(t).append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public File getFile() {
        return file.toFile();
    }

    /** Appends a learned key to the file (sshj's own write needs the file it was read from). */
    @Override
    public void write(KnownHostEntry entry) throws IOException {
        Files.writeString(file, entry.getLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
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
