package io.gplay.engine.inventory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as Python's {@code json.loads} reads it, for what inventory scripts print (the engine has no JSON library):
 * objects (a key given twice keeps its last value), arrays, strings (no raw control characters), whole numbers
 * of any size, floats, {@code true}, {@code false}, {@code null}, and Python's {@code NaN}, {@code Infinity},
 * {@code -Infinity}. Nothing may follow the value but whitespace.
 */
final class JsonText {
    /** Deeper nesting is refused, as Python refuses it (its recursion limit), rather than overflow the stack. */
    private static final int MAX_DEPTH = 500;

    private final String text;
    private int pos;

    private JsonText(String text) {
        this.text = text;
    }

    /** The value of {@code text}; an error says where: "line L column C: ...". */
    static Object parse(String text) {
        JsonText p = new JsonText(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("extra data after the JSON value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " deep");
        }
        skipSpace();
        if (pos >= text.length()) {
            throw error("expecting a value");
        }
        char c = text.charAt(pos);
        if (c == '{') {
            return object(depth);
        }
        if (c == '[') {
            return array(depth);
        }
        if (c == '"') {
            return string();
        }
        for (Map.Entry<String, Object> w : WORDS.entrySet()) {
            if (text.startsWith(w.getKey(), pos)) {
                pos += w.getKey().length();
                return w.getValue();
            }
        }
        return number();
    }

    private static final Map<String, Object> WORDS = words();

    private static Map<String, Object> words() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("true", true);
        m.put("false", false);
        m.put("null", null);
        m.put("NaN", Double.NaN);
        m.put("Infinity", Double.POSITIVE_INFINITY);
        m.put("-Infinity", Double.NEGATIVE_INFINITY);
        return m;
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        skipSpace();
        if (next('}')) {
            return out;
        }
        do {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("expecting a property name in double quotes");
            }
            String key = string();
            skipSpace();
            if (!next(':')) {
                throw error("expecting ':' delimiter");
            }
            out.put(key, value(depth + 1));
            skipSpace();
        } while (next(','));
        if (!next('}')) {
            throw error("expecting ',' or '}'");
        }
        return out;
    }

    private List<Object> array(int depth) {
        List<Object> out = new ArrayList<>();
        pos++;
        skipSpace();
        if (next(']')) {
            return out;
        }
        do {
            out.add(value(depth + 1));
            skipSpace();
        } while (next(','));
        if (!next(']')) {
            throw error("expecting ',' or ']'");
        }
        return out;
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        int start = pos++;
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string (write it as an escape)");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = pos < text.length() ? text.charAt(pos++) : 0;
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length() || !text.substring(pos, pos + 4).matches("[0-9a-fA-F]{4}")) {
                        throw error("invalid \\uXXXX escape");
                    }
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> {
                    pos -= 2;
                    throw error("invalid escape");
                }
            }
        }
    }

    private Object number() {
        int start = pos;
        next('-');
        int digits = pos;
        if (!next('0')) {
            skipDigits();
        }
        if (pos == digits) {
            pos = start;
            throw error("expecting a value");
        }
        boolean whole = true;
        int mark = pos;
        if (next('.') && skipDigits() == 0) {
            pos = mark;
        } else if (pos > mark) {
            whole = false;
        }
        mark = pos;
        if (next('e') || next('E')) {
            if (!next('+')) {
                next('-');
            }
            if (skipDigits() == 0) {
                pos = mark;
            } else {
                whole = false;
            }
        }
        String n = text.substring(start, pos);
        if (!whole) {
            return Double.parseDouble(n);
        }
        BigInteger big = new BigInteger(n);
        return big.bitLength() < 32 ? (Object) big.intValue() : big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private int skipDigits() {
        int from = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos - from;
    }

    private boolean next(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private InventoryException error(String what) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new InventoryException("line " + line + " column " + (pos - lineStart + 1) + ": " + what);
    }
}
