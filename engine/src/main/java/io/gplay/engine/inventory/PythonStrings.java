package io.gplay.engine.inventory;

import java.util.List;

/**
 * Python string literals for {@link PythonLiteral}: quotes single, double or tripled, the prefixes r, u, b,
 * escapes, and literals side by side joined ({@code 'a' "b"} is "ab"), as Python reads them.
 */
final class PythonStrings {
    private final String s;
    private int pos;

    /** A string read: its value and where the text after it starts. */
    record Read(String value, int end) {
    }

    private PythonStrings(String s, int pos) {
        this.s = s;
        this.pos = pos;
    }

    /** The string literal(s) at {@code pos}, or null where Python would refuse them. */
    static Read read(String s, int pos) {
        PythonStrings p = new PythonStrings(s, pos);
        try {
            String value = p.strings();
            return new Read(value, p.pos);
        } catch (NotAString e) {
            return null;
        }
    }

    private static final class NotAString extends RuntimeException {
        NotAString() {
            super(null, null, false, false);
        }
    }

    private String strings() {
        StringBuilder out = new StringBuilder();
        Boolean bytes = null;
        do {
            int start = pos;
            while (isNameStart(peek())) {
                pos++;
            }
            String prefix = s.substring(start, pos).toLowerCase();
            if (!List.of("", "r", "u", "b", "br", "rb").contains(prefix)) {
                throw new NotAString(); // f-strings are not literals
            }
            boolean isBytes = prefix.contains("b");
            if (bytes != null && bytes != isBytes) {
                throw new NotAString(); // Python cannot join bytes and text
            }
            bytes = isBytes;
            out.append(string(prefix.contains("r")));
            skipBlanks();
        } while (pos < s.length() && (peek() == '\'' || peek() == '"' || isStringPrefix()));
        return out.toString();
    }

    private boolean isStringPrefix() {
        int p = pos;
        while (p < s.length() && p - pos < 2 && Character.isLetter(s.charAt(p))) {
            p++;
        }
        return p > pos && p < s.length() && (s.charAt(p) == '\'' || s.charAt(p) == '"');
    }

    private String string(boolean raw) {
        char q = peek();
        if (q != '\'' && q != '"') {
            throw new NotAString();
        }
        String end = s.startsWith(String.valueOf(q).repeat(3), pos) ? String.valueOf(q).repeat(3) : String.valueOf(q);
        pos += end.length();
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw new NotAString();
            }
            if (s.startsWith(end, pos)) {
                pos += end.length();
                return out.toString();
            }
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                if (raw) {
                    out.append(c).append(s.charAt(pos++));
                } else {
                    escape(out);
                }
            } else if ((c == '\n' || c == '\r') && end.length() == 1) {
                throw new NotAString();
            } else {
                out.append(c);
            }
        }
    }

    private void escape(StringBuilder out) {
        char c = s.charAt(pos++);
        switch (c) {
            case '\n' -> { }
            case '\\', '\'', '"' -> out.append(c);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> out.appendCodePoint(hex(2));
            case 'u' -> out.appendCodePoint(hex(4));
            case 'U' -> out.appendCodePoint(hex(8));
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int start = pos - 1;
                while (pos < s.length() && pos - start < 3 && s.charAt(pos) >= '0' && s.charAt(pos) <= '7') {
                    pos++;
                }
                out.appendCodePoint(Integer.parseInt(s.substring(start, pos), 8));
            }
            default -> out.append('\\').append(c); // Python keeps an unknown escape as it is
        }
    }

    private int hex(int n) {
        if (pos + n > s.length() || !s.substring(pos, pos + n).matches("[0-9a-fA-F]+")) {
            throw new NotAString();
        }
        int cp = (int) Long.parseLong(s.substring(pos, pos + n), 16);
        if (!Character.isValidCodePoint(cp)) {
            throw new NotAString();
        }
        pos += n;
        return cp;
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private void skipBlanks() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\f')) {
            pos++;
        }
    }
}
