package io.gplay.modules.dev;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 versions as far as a version specifier needs them: the release numbers, then a pre-release (dev, a, b,
 * rc) before the release and a post-release after it. Local versions (+local) are compared without their label.
 */
final class PipVersion implements Comparable<PipVersion> {
    private static final Pattern FORM = Pattern.compile("v?(\\d+(?:\\.\\d+)*)[-_.]?(?:(dev|a|alpha|b|beta|c|rc|pre|preview|post|rev|r)[-_.]?(\\d*))?.*",
            Pattern.CASE_INSENSITIVE);
    private final List<Integer> release = new ArrayList<>();
    private final int phase;
    private final int number;

    private PipVersion(String text) {
        Matcher m = FORM.matcher(text.strip().replaceFirst("\\+.*", ""));
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        for (String n : m.group(1).split("\\.")) {
            release.add(Integer.parseInt(n));
        }
        String tag = m.group(2) == null ? "" : m.group(2).toLowerCase();
        phase = switch (tag) {
            case "dev" -> -4;
            case "a", "alpha" -> -3;
            case "b", "beta" -> -2;
            case "c", "rc", "pre", "preview" -> -1;
            case "post", "rev", "r" -> 1;
            default -> 0;
        };
        number = m.group(3) == null || m.group(3).isEmpty() ? 0 : Integer.parseInt(m.group(3));
    }

    /** Whether VERSION meets the specifier OP WANTED; an unreadable version meets none but === of its own text. */
    static boolean matches(String op, String wanted, String version) {
        if (op.equals("===")) {
            return wanted.equals(version);
        }
        try {
            PipVersion v = new PipVersion(version);
            if (wanted.endsWith(".*") && (op.equals("==") || op.equals("!="))) {
                boolean prefix = v.startsWith(new PipVersion(wanted.substring(0, wanted.length() - 2)).release);
                return op.equals("==") == prefix;
            }
            PipVersion w = new PipVersion(wanted);
            int c = v.compareTo(w);
            return switch (op) {
                case "==" -> c == 0;
                case "!=" -> c != 0;
                case ">=" -> c >= 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case "<" -> c < 0;
                case "~=" -> c >= 0 && v.startsWith(w.release.subList(0, Math.max(1, w.release.size() - 1)));
                default -> false;
            };
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean startsWith(List<Integer> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            if (at(i) != prefix.get(i)) {
                return false;
            }
        }
        return true;
    }

    private int at(int i) {
        return i < release.size() ? release.get(i) : 0;
    }

    @Override
    public int compareTo(PipVersion o) {
        for (int i = 0; i < Math.max(release.size(), o.release.size()); i++) {
            int c = Integer.compare(at(i), o.at(i));
            if (c != 0) {
                return c;
            }
        }
        return phase != o.phase ? Integer.compare(phase, o.phase) : Integer.compare(number, o.number);
    }
}
