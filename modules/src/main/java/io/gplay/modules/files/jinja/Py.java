package io.gplay.modules.files.jinja;

import com.hubspot.jinjava.objects.SafeString;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Python's view of the values a template handles, as Ansible's Jinja2 shows them: {@code str()} (a boolean is
 * {@code True}, a list {@code ['a', 'b']}), {@code repr()} and truth (a non-empty string is true, even "false").
 */
public final class Py {
    private Py() {
    }

    /** Python's {@code str(value)}. */
    public static String str(Object value) {
        if (value == null || value == PyNone.NONE) {
            return "None";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (value instanceof Double || value instanceof Float) {
            return floatRepr(((Number) value).doubleValue());
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value.getClass().isArray()) {
            return repr(value);
        }
        return value.toString();
    }

    /** Python's {@code repr(value)}: strings quoted, containers with their elements' repr. */
    public static String repr(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof SafeString s) {
            return quote(s.toString());
        }
        if (value instanceof Map<?, ?> m) {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            m.forEach((k, v) -> out.add(repr(k) + ": " + repr(v)));
            return out.toString();
        }
        if (value instanceof Collection<?> || (value != null && value.getClass().isArray())) {
            StringJoiner out = new StringJoiner(", ", "[", "]");
            list(value).forEach(v -> out.add(repr(v)));
            return out.toString();
        }
        return str(value);
    }

    /** Python's truth: None, False, 0, "" and empty containers are false; every other value is true. */
    public static boolean truth(Object value) {
        if (value == null || value == PyNone.NONE) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof CharSequence s) {
            return !s.isEmpty();
        }
        if (value instanceof SafeString s) {
            return !s.toString().isEmpty();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return !value.getClass().isArray() || Array.getLength(value) > 0;
    }

    /** A collection or array as a list; anything else as a list of itself. */
    public static List<Object> list(Object value) {
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value instanceof Map<?, ?> m) {
            return new ArrayList<>(m.keySet());
        }
        List<Object> out = new ArrayList<>();
        if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
        } else if (value instanceof String s) {
            s.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        } else {
            out.add(value);
        }
        return out;
    }

    /** Python's repr of a float: the shortest digits that read back, fixed notation from 1e-4 up to 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = exact.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    private static String quote(String s) {
        char q = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == q) {
                        out.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append(q).toString();
    }
}
