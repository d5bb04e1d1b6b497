package io.gplay.engine.report;

import io.gplay.engine.vault.SecretMask;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The old text of a diff after a secret was rotated: a run knows only the current secrets, so the previous one,
 * still in the host's file, would show in clear. When a line of the new text holds a secret, a line of the old
 * text that the new text does not have is masked:
 * <ul>
 * <li>when it has the same text around where the secret is ({@code password=OLD} against {@code password=NEW}):
 * that text stays, the rest is masked;</li>
 * <li>else when it has the same key, the text before the first {@code =} or {@code :}
 * ({@code db_password: "OLD"} against {@code db_password: 'NEW'}): the key stays, the rest is masked;</li>
 * <li>every such line, when a line of the new text is a secret by itself (a key file, say).</li>
 * </ul>
 * Other removed lines, and all lines the new text keeps, are shown as they are (with current secrets masked).
 * The old value shows as {@link #PREVIOUS}, so that the diff still shows that the line changed.
 */
final class RotatedSecrets {
    static final String PREVIOUS = SecretMask.MASK + " (previous value)";

    private RotatedSecrets() {
    }

    /** {@code before} masked for showing next to {@code after} (both clear). */
    static String before(String before, String after, SecretMask mask) {
        String shown = mask.mask(before);
        if (shown == null || after == null) {
            return shown;
        }
        Set<String> kept = new HashSet<>();
        List<String> secretLines = new ArrayList<>();
        for (String line : after.split("\n", -1)) {
            String m = mask.mask(line);
            kept.add(m);
            if (!m.equals(line)) {
                secretLines.add(m);
            }
        }
        if (secretLines.isEmpty()) {
            return shown;
        }
        List<String> out = new ArrayList<>();
        for (String line : shown.split("\n", -1)) {
            out.add(line.isBlank() || kept.contains(line) ? line : masked(line, secretLines));
        }
        return String.join("\n", out);
    }

    private static String masked(String line, List<String> secretLines) {
        for (String s : secretLines) {
            String prefix = s.substring(0, s.indexOf(SecretMask.MASK));
            String suffix = s.substring(s.lastIndexOf(SecretMask.MASK) + SecretMask.MASK.length());
            if (prefix.isBlank() && suffix.isBlank()) {
                return PREVIOUS;
            }
            if (line.length() >= prefix.length() + suffix.length() && line.startsWith(prefix) && line.endsWith(suffix)) {
                return prefix + PREVIOUS + suffix;
            }
            int sep = separator(line);
            int secretSep = separator(s);
            if (sep > 0 && secretSep > 0 && !line.substring(0, sep).isBlank()
                    && line.substring(0, sep).strip().equals(s.substring(0, secretSep).strip())) {
                int value = sep + 1;
                while (value < line.length() && Character.isWhitespace(line.charAt(value))) {
                    value++;
                }
                return line.substring(0, value) + PREVIOUS;
            }
        }
        return line;
    }

    /** Where the key of a {@code key=value} or {@code key: value} line ends, or -1. */
    private static int separator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        return eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
    }
}
