package io.gplay.engine.module;

import java.util.List;
import java.util.Map;

/** The types a module parameter can take; values are coerced the way a playbook author expects. */
public enum ParamType {
    STRING, INT, BOOL, LIST, MAP, ANY,
    /** A file mode: {@code '0644'}, {@code 'u+x'}, or a Groovy octal literal {@code 0644}. */
    MODE;

    /** The value in this type, or {@code null} when it cannot be read as one. */
    public Object coerce(Object v) {
        return switch (this) {
            case ANY -> v;
            case STRING -> v instanceof CharSequence || v instanceof Number || v instanceof Boolean ? v.toString() : null;
            case INT -> v instanceof Number n ? (Object) n.intValue()
                    : v instanceof CharSequence s && s.toString().matches("-?\\d+") ? (Object) Integer.parseInt(s.toString()) : null;
            case BOOL -> v instanceof Boolean ? v : v instanceof CharSequence s ? bool(s.toString()) : null;
            case LIST -> v instanceof List<?> ? v : v instanceof CharSequence s ? List.of(s.toString()) : null;
            case MAP -> v instanceof Map<?, ?> ? v : null;
            case MODE -> v instanceof Number n ? String.format("%04o", n.intValue())
                    : v instanceof CharSequence s ? s.toString() : null;
        };
    }

    private static Boolean bool(String s) {
        return switch (s.toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> null;
        };
    }

    public String label() {
        return name().toLowerCase();
    }
}
