package io.gplay.engine.connection.openssh;

import java.util.List;
import java.util.Locale;

/**
 * ssh_config(5)'s PATTERNS: {@code *} matches any run of characters, {@code ?} exactly one, a leading {@code !}
 * negates; a negated pattern that matches rejects the name whatever the others say, and a negated one never
 * matches by itself. As ssh compares them: a {@code Host} line's patterns exactly, against the name as given;
 * {@code Match host} and {@code originalhost} ignoring case; user names exactly.
 */
final class Patterns {
    private Patterns() {
    }

    /** A {@code Host} line: its patterns are separate words. */
    static boolean hostMatches(String host, List<String> patterns) {
        return matches(host, patterns, false);
    }

    /** A pattern-list, as {@code Match host a,b,!c} has it: comma-separated. */
    static boolean listMatches(String value, String list, boolean ignoreCase) {
        return matches(ignoreCase ? value.toLowerCase(Locale.ROOT) : value, List.of(list.split(",")), ignoreCase);
    }

    private static boolean matches(String value, List<String> patterns, boolean ignoreCase) {
        boolean matched = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String pattern = negated ? p.substring(1) : p;
            if (glob(value, ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern, 0, 0)) {
                if (negated) {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    /** OpenSSH's match_pattern: {@code *} and {@code ?} only, no character classes. */
    private static boolean glob(String s, String p, int si, int pi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int i = si; i <= s.length(); i++) {
                    if (glob(s, p, i, pi + 1)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            si++;
            pi++;
        }
        return si == s.length();
    }
}
