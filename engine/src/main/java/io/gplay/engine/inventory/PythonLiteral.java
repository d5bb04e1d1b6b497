package io.gplay.engine.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An INI inventory value as Ansible reads it: Python's {@code ast.literal_eval}, and the text itself where that
 * fails. Numbers ({@code 1.5}, {@code 0x10}, {@code 1_000}), strings in quotes, {@code True}, {@code False},
 * {@code None}, lists, tuples (as lists) and dicts are values; {@code true}, {@code 01} or {@code yes} are not
 * Python and stay text. This only reads: nothing in the value is ever run. Sets, complex numbers and
 * {@code ...}, which Ansible reads but cannot print, stay text too.
 */
final class PythonLiteral {
    private static final int MAX_DEPTH = 100;

    private final String s;
    private int pos;
    private int depth;

    private PythonLiteral(String s) {
        this.s = s;
    }

    /** The value of {@code text}, or {@code text} unchanged if it is not a Python literal. */
    static Object valueOf(String text) {
        try {
            PythonLiteral p = new PythonLiteral(text);
            p.skipBlanks();
            Object v = p.expression();
            p.skipBlanks();
            if (p.pos < p.s.length()) {
                throw new NotALiteral();
            }
            return v;
        } catch (NotALiteral e) {
            return text;
        }
    }

    /** Thrown where Python would raise SyntaxError or ValueError: the text is kept as it is. */
    private static final class NotALiteral extends RuntimeException {
        NotALiteral() {
            super(null, null, false, false);
        }
    }

    private Object expression() {
        skipBlanks();
        char c = peek();
        if (c == '-' || c == '+') {
            pos++;
            skipBlanks();
            Object n = number();
            return c == '+' ? n : negate(n);
        }
        if (c == '[') {
            return sequence('[', ']');
        }
        if (c == '(') {
            return sequence('(', ')');
        }
        if (c == '{') {
            return dict();
        }
        if (Character.isDigit(c) || c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1))) {
            return number();
        }
        if (isNameStart(c)) {
            int start = pos;
            while (pos < s.length() && (isNameStart(s.charAt(pos)) || Character.isDigit(s.charAt(pos)))) {
                pos++;
            }
            String name = s.substring(start, pos);
            if (pos < s.length() && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                pos = start;
                return strings();
            }
            return switch (name) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> null;
                default -> throw new NotALiteral();
            };
        }
        if (c == '\'' || c == '"') {
            return strings();
        }
        throw new NotALiteral();
    }

    private static Object negate(Object n) {
        if (n instanceof Integer || n instanceof Long || n instanceof BigInteger) {
            return integer(new BigInteger(n.toString()).negate());
        }
        return -(Double) n;
    }

    // ---- containers ----

    private Object sequence(char open, char close) {
        enter();
        pos++;
        List<Object> out = new ArrayList<>();
        boolean comma = false;
        skipBlanks();
        while (peek() != close) {
            out.add(expression());
            skipBlanks();
            comma = peek() == ',';
            if (comma) {
                pos++;
                skipBlanks();
            } else if (peek() != close) {
                throw new NotALiteral();
            }
        }
        pos++;
        depth--;
        if (open == '(' && out.size() == 1 && !comma) {
            // (1) is 1 in parentheses, (1,) a tuple
            return out.get(0);
        }
        return out;
    }

    private Object dict() {
        enter();
        pos++;
        Map<Object, Object> out = new LinkedHashMap<>();
        skipBlanks();
        while (peek() != '}') {
            Object key = expression();
            if (key instanceof List<?> || key instanceof Map<?, ?>) {
                throw new NotALiteral(); // not hashable in Python, or not printable by Ansible
            }
            skipBlanks();
            if (peek() != ':') {
                throw new NotALiteral(); // a set, which Ansible cannot print
            }
            pos++;
            out.put(key, expression());
            skipBlanks();
            if (peek() == ',') {
                pos++;
                skipBlanks();
            } else if (peek() != '}') {
                throw new NotALiteral();
            }
        }
        pos++;
        depth--;
        return out;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new NotALiteral();
        }
    }

    // ---- numbers ----

    private Object number() {
        int start = pos;
        if (s.startsWith("0x", pos) || s.startsWith("0X", pos)) {
            return radix(16, "[0-9a-fA-F]");
        }
        if (s.startsWith("0o", pos) || s.startsWith("0O", pos)) {
            return radix(8, "[0-7]");
        }
        if (s.startsWith("0b", pos) || s.startsWith("0B", pos)) {
            return radix(2, "[01]");
        }
        // possessive: a plain repeat of a group recurses once a digit, and 2000 digits overflowed the stack
        String digits = "[0-9](?:_?[0-9])*+";
        String rest = s.substring(pos);
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(" + digits + ")?(\\.(" + digits + ")?)?([eE][-+]?" + digits + ")?").matcher(rest);
        if (!m.lookingAt() || m.end() == 0 || m.group(1) == null && m.group(3) == null) {
            throw new NotALiteral();
        }
        pos += m.end();
        if (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            throw new NotALiteral(); // 1j (complex), 1x, 1_
        }
        String text = rest.substring(0, m.end()).replace("_", "");
        if (m.group(2) == null && m.group(4) == null) {
            if (text.length() > 1 && text.startsWith("0") && !text.matches("0+")) {
                throw new NotALiteral(); // 01: Python 3 refuses leading zeros
            }
            return integer(new BigInteger(text));
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            pos = start;
            throw new NotALiteral();
        }
        return d;
    }

    private Object radix(int radix, String digit) {
        pos += 2;
        int start = pos;
        while (pos < s.length() && (String.valueOf(s.charAt(pos)).matches(digit) || s.charAt(pos) == '_')) {
            pos++;
        }
        String text = s.substring(start, pos);
        if (!text.matches("_?" + digit + "+(?:_" + digit + "+)*+")
                || pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) {
            throw new NotALiteral();
        }
        return integer(new BigInteger(text.replace("_", ""), radix));
    }

    private static Object integer(BigInteger b) {
        if (b.bitLength() < 32) {
            return b.intValue();
        }
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    // ---- strings ----

    /** One string literal or several side by side, read by {@link PythonStrings}. */
    private String strings() {
        PythonStrings.Read r = PythonStrings.read(s, pos);
        if (r == null) {
            throw new NotALiteral();
        }
        pos = r.end();
        return r.value();
    }

    // ---- characters ----

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : '\0';
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    /** Spaces and tabs, and a comment to the end of the text, as Python's tokenizer skips them. */
    private void skipBlanks() {
        while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == '\f')) {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '#') {
            pos = s.length();
        }
    }
}
