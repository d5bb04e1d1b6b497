package io.gplay.engine.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into words, honouring quotes and backslashes and expanding nothing: as a POSIX shell does
 * ({@link #split}), or as Python's {@code shlex.split(line, comments=True)} does ({@link #splitAsShlex}), which
 * is how Ansible reads an INI inventory's host lines.
 */
public final class ShellWords {
    private ShellWords() {
    }

    /** As a shell: within double quotes a backslash escapes {@code " \ $ `}; a trailing backslash is itself. */
    public static List<String> split(String line) {
        return split(line, "\"\\$`", false);
    }

    /**
     * As shlex: within double quotes a backslash escapes only {@code "} and {@code \}, a {@code #} outside quotes
     * ends the line (within a word too), and a trailing backslash is an error, with shlex's own words.
     */
    public static List<String> splitAsShlex(String line) {
        return split(line, "\"\\", true);
    }

    private static List<String> split(String line, String escapedInDoubleQuotes, boolean shlex) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && escapedInDoubleQuotes.indexOf(line.charAt(i + 1)) >= 0) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && (i + 1 < line.length() || shlex)) {
                if (i + 1 == line.length()) {
                    throw new IllegalArgumentException("No escaped character");
                }
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (c == '#' && shlex) {
                break;
            } else if (shlex ? " \t\r\n".indexOf(c) >= 0 : Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException(shlex ? "No closing quotation" : "unclosed quote in: " + line);
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }
}
