package io.gplay.engine.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an INI inventory host line into words as Ansible does (Python's {@code shlex.split(line, comments=True)}):
 * quotes group and are removed, a backslash escapes outside single quotes, and a {@code #} outside quotes ends
 * the line, even within a word.
 */
final class IniTokens {
    private IniTokens() {
    }

    /** The words of {@code line}; an unclosed quote or a trailing backslash is an error. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                    cur.append(line.charAt(++i)); // within double quotes a backslash escapes only " and \
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    throw new IllegalArgumentException("No escaped character");
                }
                cur.append(line.charAt(++i));
                inWord = true;
            } else if (c == '#') {
                break;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inWord) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("No closing quotation");
        }
        if (inWord) {
            out.add(cur.toString());
        }
        return out;
    }
}
