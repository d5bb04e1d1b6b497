package io.gplay.engine.connection.openssh;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One keyword line of ssh_config, or one {@code -o} option of a command line: the keyword in lower case (keywords
 * are case-insensitive, arguments not), its arguments, the raw text after the keyword ({@code ProxyCommand}
 * takes the rest of the line as it is), where it was written (FILE:LINE, or the variable that held it), and, for
 * {@code Include}, the files it read.
 */
public record ConfigLine(String keyword, List<String> args, String rest, String where, List<ConfigFile> included) {
    public ConfigLine {
        args = List.copyOf(args);
        included = List.copyOf(included);
    }

    /**
     * Reads a line as ssh's readconf does: the keyword ends at whitespace or at one {@code =} (with optional
     * whitespace around it); the arguments are split at whitespace, double or single quotes keep a space, a
     * backslash escapes a quote, a backslash or a space, and a word starting with {@code #} ends the line. Null for
     * a blank line or a comment.
     */
    public static ConfigLine parse(String text, String where) {
        String s = text.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '=') {
            end++;
        }
        String keyword = s.substring(0, end).toLowerCase(Locale.ROOT);
        int i = skipSpaces(s, end);
        if (i < s.length() && s.charAt(i) == '=') {
            i = skipSpaces(s, i + 1);
        }
        String rest = s.substring(i);
        return new ConfigLine(keyword, words(rest, where), rest, where, List.of());
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** OpenSSH's argv_split, ending at a comment. */
    static List<String> words(String s, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                if (quote == 0 && c == '#') {
                    break;
                }
                word = new StringBuilder();
            }
            if (c == '\\' && i + 1 < s.length() && "'\"\\".indexOf(s.charAt(i + 1)) >= 0
                    || c == '\\' && quote == 0 && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                word.append(s.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new SshConfigException(where + ": unterminated quoted argument");
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    /** The line with the files its {@code Include} read. */
    ConfigLine withIncluded(List<ConfigFile> files) {
        return new ConfigLine(keyword, args, rest, where, files);
    }

    /** The only argument, or an error naming the line: most keywords take one. */
    String single() {
        if (args.size() != 1) {
            throw new SshConfigException(where + ": " + keyword + " takes one argument, got " + args.size());
        }
        return args.get(0);
    }
}
