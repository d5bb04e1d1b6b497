package io.gplay.engine.vault;

import java.util.List;

/**
 * The text around a vault body: a header {@code $ANSIBLE_VAULT;1.1;AES256} (or {@code 1.2;AES256;LABEL}, which
 * names the password it was encrypted with), then the hex body in lines of 80 characters.
 */
public final class VaultFormat {
    public static final String HEADER = "$ANSIBLE_VAULT";
    /** The label of a password given without one, and of a file whose header has none (format 1.1). */
    public static final String DEFAULT_LABEL = "default";
    private static final int WIDTH = 80;

    private VaultFormat() {
    }

    /** A parsed vault text: its format version, cipher, the label it names and the hex body. */
    public record Envelope(String version, String cipher, String label, String body) {
    }

    /** Whether {@code text} is vault data (it starts with the header, as Ansible checks). */
    public static boolean isEncrypted(String text) {
        return text != null && text.startsWith(HEADER);
    }

    /** The envelope of a vault text; {@code where} names it in errors. */
    public static Envelope parse(String text, String where) {
        List<String> lines = text.strip().lines().toList();
        String[] header = lines.get(0).strip().split(";");
        if (header.length < 3 || !header[0].equals(HEADER)) {
            throw new VaultException(where + ": not a vault header: expected $ANSIBLE_VAULT;1.1;AES256 or "
                    + "$ANSIBLE_VAULT;1.2;AES256;LABEL");
        }
        String version = header[1].strip();
        if (!version.equals("1.1") && !version.equals("1.2")) {
            throw new VaultException(where + ": vault format " + version + " is not supported (1.1 and 1.2 are)");
        }
        String cipher = header[2].strip();
        if (!cipher.equals("AES256")) {
            throw new VaultException(where + ": vault cipher " + cipher + " is not supported (AES256 is)");
        }
        String label = header.length >= 4 ? header[3].strip() : DEFAULT_LABEL;
        StringBuilder body = new StringBuilder();
        lines.subList(1, lines.size()).forEach(l -> body.append(l.strip()));
        return new Envelope(version, cipher, label, body.toString());
    }

    /** The vault text of a body, as ansible-vault writes it: 1.2 with the label unless it is the default one. */
    public static String format(String body, String label) {
        boolean labelled = label != null && !label.equals(DEFAULT_LABEL);
        StringBuilder out = new StringBuilder(HEADER).append(labelled ? ";1.2;AES256;" + label : ";1.1;AES256").append('\n');
        for (int i = 0; i < body.length(); i += WIDTH) {
            out.append(body, i, Math.min(body.length(), i + WIDTH)).append('\n');
        }
        return out.toString();
    }
}
