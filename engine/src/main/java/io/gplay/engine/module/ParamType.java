package io.gplay.engine.module;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The types a module parameter can take; values are coerced the way a playbook author expects. */
public enum ParamType {
    STRING, INT, BOOL, LIST, MAP, ANY,
    /** An octal file mode: {@code '0644'}, or a Groovy octal literal {@code 0644}. */
    MODE,
    /** An absolute path on the host: a relative one would depend on the login's folder. */
    PATH,
    /** A file on the control machine, relative to the playbook; checked when the plan is made when it is known. */
    LOCAL_FILE,
    /** A Java regular expression, as a string or a Groovy pattern ({@code ~/x/}); checked when the plan is made. */
    REGEX,
    /** A command that checks a file, with {@code %s} where the file's path goes ({@code validate}). */
    CHECK_COMMAND;

    /** The value in this type, or {@code null} when it cannot be read as one. */
    public Object coerce(Object v) {
        return switch (this) {
            case ANY -> v;
            case STRING, LOCAL_FILE -> v instanceof CharSequence || v instanceof Number || v instanceof Boolean ? v.toString() : null;
            case INT -> v instanceof Number n ? (Object) n.intValue()
                    : v instanceof CharSequence s && s.toString().matches("-?\\d+") ? (Object) Integer.parseInt(s.toString()) : null;
            case BOOL -> v instanceof Boolean ? v : v instanceof CharSequence s ? bool(s.toString()) : null;
            case LIST -> v instanceof List<?> ? v : v instanceof CharSequence s ? List.of(s.toString()) : null;
            case MAP -> v instanceof Map<?, ?> ? v : null;
            case MODE -> v instanceof Number n ? String.format("%04o", n.intValue())
                    : v instanceof CharSequence s && s.toString().matches("[0-7]{3,4}") ? s.toString() : null;
            case PATH -> v instanceof CharSequence s && s.toString().startsWith("/") ? s.toString() : null;
            case CHECK_COMMAND -> v instanceof CharSequence s && s.toString().contains("%s") ? s.toString() : null;
            case REGEX -> v instanceof Pattern p ? p.pattern()
                    : v instanceof CharSequence s && regexProblem(s.toString()) == null ? s.toString() : null;
        };
    }

    /** Why a text is no regular expression, or null when it is one. */
    public static String regexProblem(String text) {
        try {
            Pattern.compile(text);
            return null;
        } catch (PatternSyntaxException e) {
            return e.getDescription() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : "");
        }
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
