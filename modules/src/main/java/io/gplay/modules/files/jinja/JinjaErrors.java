package io.gplay.modules.files.jinja;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jinjava's errors as gplay says them: NAME:LINE: what is wrong, and the fix; no Java class names. */
final class JinjaErrors {
    private static final Pattern UNKNOWN = Pattern.compile("Unknown token found: ([\\w.]+)\\s*$");
    private static final Pattern CLASS_PREFIX = Pattern.compile("^(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error): ");
    private static final Pattern QUOTED_TAG = Pattern.compile("'(\\{[%{].*?[%}]})'");

    private JinjaErrors() {
    }

    /**
     * The error Jinjava reports at {@code lineno} of {@code text}: its lines leave out the newlines that trim_blocks
     * and comments take away, so the line is the first from there on that holds what the error names.
     */
    static String describe(String name, String text, int headerLines, int lineno, String raw) {
        String message = CLASS_PREFIX.matcher(raw == null ? "" : raw.replaceFirst("^\\w+Exception: ", "")).replaceFirst("");
        Matcher m = UNKNOWN.matcher(message);
        if (m.find()) {
            String variable = m.group(1);
            String at = name + ":" + (locate(text, lineno, "\\b" + Pattern.quote(variable) + "\\b") + headerLines);
            return at + ": '" + variable + "' is undefined: set it (in the inventory, the play's or the role's vars, or "
                    + "the task's vars:) or give it a default in the template: {{ " + variable + " | default('...') }}";
        }
        if (message.startsWith("Unknown token found: ")) {
            String expression = message.substring(21).strip();
            return name + ":" + (locate(text, lineno, Pattern.quote(expression)) + headerLines) + ": a value in '"
                    + expression + "' is undefined: set the variables it reads, or give them a default with | default('...')";
        }
        Matcher tag = QUOTED_TAG.matcher(message);
        int line = tag.find() ? locate(text, lineno, Pattern.quote(tag.group(1))) : Math.max(lineno, 1);
        return name + ":" + (line + headerLines) + ": " + message;
    }

    /** The first line from {@code lineno} on that matches {@code regex}; {@code lineno} if none does. */
    private static int locate(String text, int lineno, String regex) {
        String[] lines = text.split("\n", -1);
        Pattern p = Pattern.compile(regex);
        for (int i = Math.max(lineno, 1) - 1; i < lines.length; i++) {
            if (p.matcher(lines[i]).find()) {
                return i + 1;
            }
        }
        return Math.max(lineno, 1);
    }
}
